# Linux: the freedesktop integration, every file named after the app id (SHIFTSYNC_APP_ID),
# plus the man page, the systemd units and the files Debian policy wants in the doc folder.
# Included from installer/CMakeLists.txt.

set(linux_dir ${CMAKE_CURRENT_SOURCE_DIR}/linux)
set(out_dir ${CMAKE_CURRENT_BINARY_DIR})
set(SHIFTSYNC_BINARY ${CMAKE_INSTALL_FULL_BINDIR}/shiftsync)
set(SHIFTSYNC_INSTALL_SYSTEMD_USERUNITDIR "lib/systemd/user" CACHE STRING
    "Where the systemd user unit goes, relative to the prefix (systemd searches /usr/lib and /usr/local/lib)")

find_program(SHIFTSYNC_GZIP gzip REQUIRED)

# The program links the distribution's Qt from the standard library path; the $ORIGIN run path
# qt_standard_project_setup() sets up would only be dead weight that lintian flags.
set_target_properties(shiftsync PROPERTIES INSTALL_RPATH "")

# shiftsync_gzip(<input> <output.gz>): Debian wants man pages and changelogs compressed with
# gzip -9n (no name, no time stamp: the package stays reproducible).
function(shiftsync_gzip input output)
    string(REGEX REPLACE "\\.gz$" "" plain ${output})
    add_custom_command(OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -E copy ${input} ${plain}
        COMMAND ${SHIFTSYNC_GZIP} -9nf ${plain}
        DEPENDS ${input}
        VERBATIM)
endfunction()

# Icons: the SVG as the scalable icon, and PNGs rendered from it for the fixed sizes.
set(generated)
foreach(size 16 22 24 32 48 64 128 256)
    set(png ${out_dir}/icons/hicolor/${size}x${size}/apps/${SHIFTSYNC_APP_ID}.png)
    shiftsync_render_icon(${size} ${png})
    list(APPEND generated ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${SHIFTSYNC_ICON_SVG}
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps
    RENAME ${SHIFTSYNC_APP_ID}.svg)

# The menu entry and the AppStream metadata that software centres read.
configure_file(${linux_dir}/shiftsync.desktop.in ${out_dir}/${SHIFTSYNC_APP_ID}.desktop @ONLY)
configure_file(${linux_dir}/shiftsync.metainfo.xml.in ${out_dir}/${SHIFTSYNC_APP_ID}.metainfo.xml @ONLY)
install(FILES ${out_dir}/${SHIFTSYNC_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
install(FILES ${out_dir}/${SHIFTSYNC_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo)

# The man page.
shiftsync_gzip(${CMAKE_CURRENT_SOURCE_DIR}/man/shiftsync.1 ${out_dir}/man/shiftsync.1.gz)
list(APPEND generated ${out_dir}/man/shiftsync.1.gz)
install(FILES ${out_dir}/man/shiftsync.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# systemd: the user unit is installed; the system unit is an example to copy and adapt.
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/systemd/shiftsync.service.in ${out_dir}/systemd/shiftsync.service @ONLY)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/systemd/shiftsync@.service.in ${out_dir}/systemd/shiftsync@.service @ONLY)
install(FILES ${out_dir}/systemd/shiftsync.service DESTINATION ${SHIFTSYNC_INSTALL_SYSTEMD_USERUNITDIR})
install(FILES ${out_dir}/systemd/shiftsync@.service ${CMAKE_CURRENT_SOURCE_DIR}/systemd/shiftsync.env
    DESTINATION ${SHIFTSYNC_INSTALL_DOCDIR}/examples)

# Debian's doc files: the copyright and the compressed package changelog.
shiftsync_gzip(${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog ${out_dir}/debian/changelog.Debian.gz)
list(APPEND generated ${out_dir}/debian/changelog.Debian.gz)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/debian/copyright ${out_dir}/debian/changelog.Debian.gz
    DESTINATION ${SHIFTSYNC_INSTALL_DOCDIR})

add_custom_target(shiftsync-linux-data ALL DEPENDS ${generated})
