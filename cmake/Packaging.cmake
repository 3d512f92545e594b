# Packaging: the install layout around the shiftsync executable (installer/CMakeLists.txt) and
# the CPack configuration of the Debian package (built and tested here), the Windows NSIS
# installer and the macOS disk image (configured, not built here; see installer/README.md).
# Included once from the top-level CMakeLists.txt, after the targets exist.
#
#   cmake -S . -B build/package -DCMAKE_INSTALL_PREFIX=/usr && cmake --build build/package
#   cd build/package && cpack            # -> packages/shiftsync_<version>-<revision>_<arch>.deb

# The package changelog names the version it describes; it and the AppStream release list must
# move with project(VERSION), or the package would describe another release than it holds.
file(STRINGS ${PROJECT_SOURCE_DIR}/installer/debian/changelog changelog_top LIMIT_COUNT 1)
if(NOT changelog_top MATCHES "^shiftsync \\(([^-)]+)-([^)]+)\\)")
    message(FATAL_ERROR "installer/debian/changelog: the first line must read 'shiftsync (VERSION-REVISION) ...'")
endif()
set(SHIFTSYNC_DEBIAN_REVISION ${CMAKE_MATCH_2})
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
    message(WARNING "installer/debian/changelog describes ${CMAKE_MATCH_1}, not ${PROJECT_VERSION}: add an entry")
endif()
file(STRINGS ${PROJECT_SOURCE_DIR}/installer/linux/shiftsync.metainfo.xml.in metainfo_release
    REGEX "<release version=" LIMIT_COUNT 1)
if(NOT metainfo_release MATCHES "version=\"${PROJECT_VERSION}\"")
    message(WARNING "installer/linux/shiftsync.metainfo.xml.in: the newest <release> is not ${PROJECT_VERSION}")
endif()

add_subdirectory(${PROJECT_SOURCE_DIR}/installer ${PROJECT_BINARY_DIR}/installer)

# What every generator shares.
set(CPACK_PACKAGE_NAME shiftsync)
set(CPACK_PACKAGE_VENDOR "The ShiftSync authors")
set(CPACK_PACKAGE_CONTACT "ShiftSync maintainers <packages@shiftsync.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "keep LivePerson skill shift status fresh for bots")
# Read here rather than named as CPACK_PACKAGE_DESCRIPTION_FILE, which CPack 3.25 XML-escapes
# (every apostrophe would reach the Debian control file as &apos;).
file(READ ${PROJECT_SOURCE_DIR}/installer/description.txt CPACK_PACKAGE_DESCRIPTION)
set(CPACK_PACKAGE_INSTALL_DIRECTORY ShiftSync)
set(CPACK_PACKAGE_EXECUTABLES shiftsync ShiftSync)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_OUTPUT_FILE_PREFIX packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/installer/cpack-checks.cmake)
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/out/" "\\\\.user$")

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB)
    # A package installs into /usr, never /usr/local; cpack-checks.cmake refuses other prefixes,
    # because the units and the docs name the program by its configured path.
    set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
    set(CPACK_DEBIAN_PACKAGE_NAME shiftsync)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE ${SHIFTSYNC_DEBIAN_REVISION})
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
    set(CPACK_DEBIAN_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
    # dpkg-shlibdeps finds the Qt, QtKeychain and C++ libraries. QtKeychain loads libsecret at
    # run time without depending on it, so it is named here; the keyring daemon that answers
    # on the Secret Service is a recommendation (a server may use a credentials file instead).
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager | keepassxc")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
elseif(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_PACKAGE_NAME ShiftSync)
    set(CPACK_NSIS_DISPLAY_NAME ShiftSync)
    set(CPACK_NSIS_MUI_ICON ${PROJECT_BINARY_DIR}/installer/windows/shiftsync.ico)
    set(CPACK_NSIS_MUI_UNIICON ${PROJECT_BINARY_DIR}/installer/windows/shiftsync.ico)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\shiftsync.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
    set(CPACK_NSIS_CONTACT ${CPACK_PACKAGE_CONTACT})
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # "Start at login" on Windows is a value under the user's Run key named after the app id;
    # the uninstaller removes it so that no dangling entry starts a deleted program.
    set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS
        "DeleteRegValue HKCU 'Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run' '${SHIFTSYNC_APP_ID}'")
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME ShiftSync)
    set(CPACK_DMG_FORMAT UDZO)
endif()

include(CPack)
