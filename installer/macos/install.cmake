# macOS: shiftsync becomes ShiftSync.app (macdeployqt and the DragNDrop generator need a
# bundle), identified by the app id, with an .icns icon made by iconutil from PNGs rendered from
# the SVG. The command line stays available as ShiftSync.app/Contents/MacOS/ShiftSync.
# Included from installer/CMakeLists.txt. Configured, not built here: see installer/README.md.

set(macos_out ${CMAKE_CURRENT_BINARY_DIR}/macos)
set(iconset ${macos_out}/shiftsync.iconset)
set(icns ${macos_out}/shiftsync.icns)

# An .iconset holds each size at 1x and 2x under the names iconutil expects.
set(pngs)
foreach(size 16 32 128 256 512)
    math(EXPR double "${size} * 2")
    shiftsync_render_icon(${size} ${iconset}/icon_${size}x${size}.png)
    shiftsync_render_icon(${double} ${iconset}/icon_${size}x${size}@2x.png)
    list(APPEND pngs ${iconset}/icon_${size}x${size}.png ${iconset}/icon_${size}x${size}@2x.png)
endforeach()

find_program(SHIFTSYNC_ICONUTIL iconutil REQUIRED)
add_custom_command(OUTPUT ${icns}
    COMMAND ${SHIFTSYNC_ICONUTIL} -c icns -o ${icns} ${iconset}
    DEPENDS ${pngs}
    COMMENT "Making the macOS app icon"
    VERBATIM)
add_custom_target(shiftsync-macos-icon DEPENDS ${icns})

target_sources(shiftsync PRIVATE ${icns})
set_source_files_properties(${icns} TARGET_DIRECTORY shiftsync
    PROPERTIES MACOSX_PACKAGE_LOCATION Resources GENERATED TRUE)
add_dependencies(shiftsync shiftsync-macos-icon)

set_target_properties(shiftsync PROPERTIES
    MACOSX_BUNDLE ON
    OUTPUT_NAME ShiftSync
    MACOSX_BUNDLE_GUI_IDENTIFIER ${SHIFTSYNC_APP_ID}
    MACOSX_BUNDLE_BUNDLE_NAME ShiftSync
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_ICON_FILE shiftsync.icns
    MACOSX_BUNDLE_COPYRIGHT "2026 The ShiftSync authors")
