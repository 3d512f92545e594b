# Windows: the program's icon (an .ico rendered from the SVG, compiled into shiftsync.exe with
# its version information, and used by the installer), and QtKeychain's DLL next to the
# program, since windeployqt only copies Qt's own libraries. Included from
# installer/CMakeLists.txt. Configured, not built here: see installer/README.md.

set(windows_out ${CMAKE_CURRENT_BINARY_DIR}/windows)
set(SHIFTSYNC_ICO ${windows_out}/shiftsync.ico)
shiftsync_render_icon(256 ${SHIFTSYNC_ICO})
add_custom_target(shiftsync-windows-icon DEPENDS ${SHIFTSYNC_ICO})

configure_file(${CMAKE_CURRENT_SOURCE_DIR}/windows/shiftsync.rc.in ${windows_out}/shiftsync.rc @ONLY)
target_sources(shiftsync PRIVATE ${windows_out}/shiftsync.rc)
set_source_files_properties(${windows_out}/shiftsync.rc TARGET_DIRECTORY shiftsync
    PROPERTIES OBJECT_DEPENDS ${SHIFTSYNC_ICO})
add_dependencies(shiftsync shiftsync-windows-icon)

get_target_property(keychain_type qt6keychain TYPE)
if(keychain_type STREQUAL "SHARED_LIBRARY")
    install(IMPORTED_RUNTIME_ARTIFACTS qt6keychain RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
