# Run by cpack for each generator (CPACK_PROJECT_CONFIG_FILE): refuses packages that would be
# wrong rather than merely untidy.

# Debian packages install into /usr. The units and the docs name the program by its configured
# path, so the prefix must already be /usr at configure time, not rewritten by cpack.
if(CPACK_GENERATOR STREQUAL "DEB" AND NOT CPACK_PACKAGING_INSTALL_PREFIX STREQUAL "/usr")
    message(FATAL_ERROR "A .deb installs into /usr, but this build is configured for "
        "${CPACK_PACKAGING_INSTALL_PREFIX}: configure it with -DCMAKE_INSTALL_PREFIX=/usr")
endif()
