# shiftsync_set_warnings(<target>): the warning set every ShiftSync target builds with.
function(shiftsync_set_warnings target)
    if(MSVC)
        # Configured for the Windows package, not built here (no MSVC on the build machines).
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
        if(SHIFTSYNC_WERROR)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE
            -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
            -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference -Wformat=2)
        if(SHIFTSYNC_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()
