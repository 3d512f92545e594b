#!/usr/bin/env bash
# Builds the .deb, installs it into this machine and checks it the way a new user meets it:
# the package's fields and files, lintian, the installed program (--version, a --sync-once
# against the simulator on loopback, the desktop app offscreen), the desktop entry, AppStream
# metadata, man page and systemd units; then purges it and checks that only the user's data
# is left. Needs root (or sudo) for apt-get and dpkg. Safe to run again: a shiftsync package
# installed before the run is purged first, and the package is purged again on any exit.
#
#   installer/test-package.sh [BUILD_DIR]      # default build/package (configured for /usr)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build=${1:-build/package}

# Tools for the checks only; scripts/install-deps.sh has what the build needs.
validation_packages=(desktop-file-utils appstream lintian dpkg-dev fakeroot file man-db binutils)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

passed=0
failed=0
pass() {
    echo "PASS: $1"
    passed=$((passed + 1))
}
fail() {
    echo "FAIL: $1"
    failed=$((failed + 1))
}
# check NAME COMMAND...: one pass or fail, with the command's output shown on failure.
check() {
    local name=$1 output
    shift
    if output=$("$@" 2>&1); then
        pass "$name"
    else
        fail "$name"
        [ -z "$output" ] || printf '    %s\n' "${output//$'\n'/$'\n'    }"
    fi
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

purge_package() {
    is_installed shiftsync || return 0
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 purge -y -q shiftsync >/dev/null
}

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    purge_package || true
    rm -rf "$work"
}
trap cleanup EXIT

install_validation_tools() {
    local missing=() package
    for package in "${validation_packages[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
}

# A release build for /usr with Debian's hardening flags, as a Debian package build would use.
build_package() {
    local cxxflags ldflags
    export DEB_BUILD_MAINT_OPTIONS=hardening=+all
    cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
    ldflags=$(dpkg-buildflags --get LDFLAGS)

    cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
        -DSHIFTSYNC_BUILD_TESTS=OFF -DSHIFTSYNC_WERROR=ON \
        "-DCMAKE_CXX_FLAGS=$cxxflags" "-DCMAKE_EXE_LINKER_FLAGS=$ldflags" >"$work/configure.log"
    cmake --build "$build"
    rm -rf "$build/packages"
    (cd "$build" && cpack -G DEB >"$work/cpack.log")
}

echo "== Tools and build"
scripts/install-deps.sh
install_validation_tools
build_package
deb=$(ls "$build"/packages/shiftsync_*.deb)
version=$(dpkg-deb -f "$deb" Version)
upstream=${version%-*}
app_id=org.shiftsync.ShiftSync
echo "   $deb"

echo "== The package"
fields() {
    local depends
    depends=$(dpkg-deb -f "$deb" Depends)
    [ "$(dpkg-deb -f "$deb" Package)" = shiftsync ] && [ "$(dpkg-deb -f "$deb" Section)" = net ] \
        && [ -n "$(dpkg-deb -f "$deb" Maintainer)" ] && grep -q 'libsecret-1-0' <<<"$depends" \
        && grep -q 'libqt6core6 (>=' <<<"$depends" && grep -q 'libqt6keychain1' <<<"$depends" \
        && dpkg-deb -f "$deb" Recommends | grep -q 'gnome-keyring'
}
check "control fields: name, section, maintainer, computed and declared Depends, Recommends" fields

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' >"$work/contents"
expected_files=(
    /usr/bin/shiftsync
    "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/man/man1/shiftsync.1.gz
    /usr/lib/systemd/user/shiftsync.service
    /usr/share/doc/shiftsync/copyright
    /usr/share/doc/shiftsync/changelog.Debian.gz
    /usr/share/doc/shiftsync/examples/shiftsync@.service
    /usr/share/doc/shiftsync/examples/shiftsync.env
)
for size in 16 22 24 32 48 64 128 256; do
    expected_files+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
contents() {
    local file status=0
    for file in "${expected_files[@]}"; do
        grep -qxF "$file" "$work/contents" || { echo "missing: $file"; status=1; }
    done
    # Developer tools and anything outside /usr stay out of the package.
    if grep -E 'simulator|rendericon|screenshots|^/usr/local|^/(etc|opt|var)' "$work/contents"; then
        status=1
    fi
    return $status
}
check "contents: binary, desktop entry, metainfo, icons, man page, units, docs; no developer tools" contents

versions() {
    local changelog metainfo
    changelog=$(dpkg-parsechangelog -l installer/debian/changelog -S Version)
    metainfo=$(grep -o -m1 '<release version="[^"]*"' installer/linux/shiftsync.metainfo.xml.in)
    [ "$changelog" = "$version" ] || { echo "changelog $changelog, package $version"; return 1; }
    [ "$metainfo" = "<release version=\"$upstream\"" ] || { echo "metainfo: $metainfo, package $upstream"; return 1; }
}
check "changelog and AppStream release match the package version $version" versions

lintian_clean() {
    lintian --pedantic --display-info "$deb" >"$work/lintian.log" 2>&1 || true
    grep -v '^running with root privileges' "$work/lintian.log" | sed 's/^/    lintian: /'
    ! grep -q '^E:' "$work/lintian.log"
}
echo "   lintian:"
if lintian_clean; then pass "lintian: no errors"; else fail "lintian: errors above"; fi

echo "== Install"
if is_installed shiftsync; then
    echo "   a shiftsync package is installed already: purging it first"
    purge_package
fi
install_deb() {
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$(realpath "$deb")" \
        && is_installed shiftsync
}
check "apt-get installs the .deb" install_deb
if ! is_installed shiftsync; then
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
fi
dpkg -L shiftsync >"$work/installed-files"

check_version() {
    local output
    output=$(/usr/bin/shiftsync --version)
    echo "$output"
    [[ $output == "shiftsync $upstream "* ]]
}
check "the installed shiftsync --version says $upstream" check_version

libraries_declared() {
    local depends library package status=0
    # One package name a line, without versions or alternatives.
    depends=$(dpkg-deb -f "$deb" Depends | sed 's/ *([^)]*)//g; s/ *[,|] */\n/g')
    for library in $(objdump -p /usr/bin/shiftsync | awk '/NEEDED/ {print $2}'); do
        package=$(dpkg-query -S "*/$library" 2>/dev/null | head -n1 | cut -d: -f1)
        if [ -z "$package" ] || ! grep -qxF "$package" <<<"$depends"; then
            echo "$library (from ${package:-no package}) is not in Depends"
            status=1
        fi
    done
    ! ldd /usr/bin/shiftsync | grep 'not found' && [ $status -eq 0 ]
}
check "every library the binary links comes from a package in Depends" libraries_declared

no_run_path() {
    ! objdump -p /usr/bin/shiftsync | grep -E 'RPATH|RUNPATH'
}
check "the installed binary has no run path" no_run_path

echo "== Menu entry, metadata, icons, man page, units"
check "desktop-file-validate" desktop-file-validate "/usr/share/applications/$app_id.desktop"
check "appstreamcli validate" appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml"
mkdir -p "$work/root"
dpkg-deb -x "$deb" "$work/root"
check "appstreamcli validate-tree (launchable desktop entry, icon)" appstreamcli validate-tree --no-net "$work/root"

menu_entry() {
    local entry=/usr/share/applications/$app_id.desktop
    grep -qx "Exec=shiftsync" "$entry" && grep -qx "Icon=$app_id" "$entry" \
        && grep -qx "StartupWMClass=ShiftSync" "$entry" && grep -q '^Categories=Network;' "$entry" \
        && ! grep -q '^NoDisplay=true' "$entry" && [ "$(command -v shiftsync)" = /usr/bin/shiftsync ]
}
check "the menu entry runs shiftsync from PATH with the app icon and window class" menu_entry

icon_sizes() {
    local size status=0
    for size in 16 22 24 32 48 64 128 256; do
        file "/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" | grep -q "PNG image data, $size x $size" \
            || { echo "${size}x${size} is not a $size px PNG"; status=1; }
    done
    return $status
}
check "hicolor PNG icons have their folder's size" icon_sizes

man_page() {
    local warnings options option status=0
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l -Tutf8 -Z /usr/share/man/man1/shiftsync.1.gz 2>&1 >/dev/null)
    [ -z "$warnings" ] || { echo "$warnings"; status=1; }
    zcat /usr/share/man/man1/shiftsync.1.gz | sed 's/\\-/-/g' >"$work/man.txt"
    options=$(/usr/bin/shiftsync --help | grep -oE -- '--[a-z0-9-]+' | sort -u)
    for option in $options; do
        grep -qF -- "$option" "$work/man.txt" || { echo "the man page lacks $option"; status=1; }
    done
    return $status
}
check "man page: renders without warnings and covers every option of --help" man_page

# systemd-analyze prints nothing for a unit it finds no fault in.
user_unit() {
    local output
    mkdir -m 700 "$work/systemd-runtime"
    output=$(XDG_RUNTIME_DIR=$work/systemd-runtime systemd-analyze --user verify --man=no \
        /usr/lib/systemd/user/shiftsync.service 2>&1)
    echo "$output"
    [ -z "$output" ]
}
system_unit() {
    local output
    mkdir -p "$work/units"
    cp /usr/share/doc/shiftsync/examples/shiftsync@.service "$work/units/shiftsync@pkgtest.service"
    output=$(systemd-analyze verify --man=no "$work/units/shiftsync@pkgtest.service" 2>&1)
    echo "$output"
    [ -z "$output" ]
}
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify: the user unit" user_unit
    check "systemd-analyze verify: the example system unit (as shiftsync@pkgtest)" system_unit
else
    echo "   (no systemd-analyze here: units not verified)"
fi

echo "== The installed program against the simulator (loopback)"
"$build/bin/shiftsync-simulator" --port 0 --port-file "$work/port" --quiet >"$work/simulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    [ -s "$work/port" ] && break
    sleep 0.1
done
if [ ! -s "$work/port" ]; then
    cat "$work/simulator.log"
    fail "the simulator did not start"
    echo "$passed passed, $failed failed"
    exit 1
fi
url="http://127.0.0.1:$(cat "$work/port")"

# A new user's empty home, and an environment without a session bus or display.
home=$work/home
mkdir "$home" && mkdir -m 700 "$work/runtime"
user_env=(env -i "HOME=$home" "PATH=/usr/bin:/bin" "LANG=C.UTF-8" "XDG_RUNTIME_DIR=$work/runtime")
common=(--profile pkgtest --account 90000001 --csds-url "$url" --context-url "$url")
(
    umask 077
    printf '%s\n' '{"username": "shift-bot", "appKey": "demo-client-id", "secret": "demo-client-secret",' \
        ' "mavenApiKey": "demo-maven-key"}' >"$home/credentials.json"
)

sync_once() {
    local output
    output=$("${user_env[@]}" /usr/bin/shiftsync "${common[@]}" --credentials-file "$home/credentials.json" \
        --sync-once --json 2>&1) || { echo "$output"; return 1; }
    echo "$output"
    grep -q '"ok": *true' <<<"$output"
}
check "installed shiftsync --sync-once with a 0600 credentials file writes the shift status" sync_once

show_cache() {
    local output
    output=$("${user_env[@]}" /usr/bin/shiftsync "${common[@]}" --credentials-file "$home/credentials.json" \
        --show-cache 2>&1) || { echo "$output"; return 1; }
    echo "$output"
    grep -q 'timestamp' <<<"$output"
}
check "installed shiftsync --show-cache reads back what bots read" show_cache

refuses_readable_file() {
    local status=0
    cp -p "$home/credentials.json" "$work/readable.json"
    chmod 644 "$work/readable.json"
    "${user_env[@]}" /usr/bin/shiftsync "${common[@]}" --credentials-file "$work/readable.json" --sync-once \
        || status=$?
    rm -f "$work/readable.json"
    [ $status -eq 3 ]
}
check "installed shiftsync refuses a credentials file others can read (exit 3)" refuses_readable_file

# What the example system unit does: --headless as an unprivileged user, with the private 0400
# copy of the credentials that LoadCredential= makes, and the state directory as its home.
system_service() {
    local state=$work/service-state credentials=$work/service-credentials output
    chmod 711 "$work"
    install -d -m 700 -o nobody -g nogroup "$state" "$state/runtime"
    install -d -m 500 -o nobody -g nogroup "$credentials"
    install -m 400 -o nobody -g nogroup "$home/credentials.json" "$credentials/credentials.json"
    output=$(setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all env -i "PATH=/usr/bin:/bin" \
        "HOME=$state" "XDG_CONFIG_HOME=$state/config" "XDG_DATA_HOME=$state/data" "XDG_RUNTIME_DIR=$state/runtime" \
        /usr/bin/shiftsync --headless --cycles 1 "${common[@]}" --credentials-file "$credentials/credentials.json" 2>&1) \
        || { echo "$output"; return 1; }
    [ -f "$state/config/ShiftSync/ShiftSync.conf" ] || { echo "$output"; echo "no settings in the state directory"; return 1; }
}
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    check "installed shiftsync --headless as the system unit runs it (user nobody, 0400 credential copy)" system_service
fi

# The desktop app offscreen: no keychain here, so it shows that in its window and keeps running.
desktop_app() {
    local pid status=0 second=0
    "${user_env[@]}" QT_QPA_PLATFORM=offscreen /usr/bin/shiftsync "${common[@]}" >"$work/desktop.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    sleep 3
    kill -0 "$pid" || { cat "$work/desktop.log"; return 1; }
    # A second start hands over to the running instance and exits.
    timeout 20 "${user_env[@]}" QT_QPA_PLATFORM=offscreen /usr/bin/shiftsync "${common[@]}" || second=$?
    kill -0 "$pid" || return 1
    kill -TERM "$pid"
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && { echo "still running 10 s after SIGTERM"; kill -KILL "$pid"; }
    wait "$pid" || status=$?
    if [ $status -ne 0 ] || [ $second -ne 0 ]; then
        echo "first exit $status, second exit $second"
        cat "$work/desktop.log"
        return 1
    fi
}
check "installed desktop app starts offscreen, hands a second start over, quits on SIGTERM" desktop_app

echo "== Purge"
find "$home" -type f | sort >"$work/home-before"
purge() {
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 purge -y -q shiftsync >/dev/null && ! is_installed shiftsync
}
check "apt-get purge removes the package" purge

nothing_left() {
    local path status=0
    while read -r path; do
        # Directories shared with other packages (/usr/share/icons/...) may stay.
        [ -d "$path" ] && [ ! -L "$path" ] && continue
        if [ -e "$path" ] || [ -L "$path" ]; then
            echo "left behind: $path"
            status=1
        fi
    done <"$work/installed-files"
    [ ! -e /usr/share/doc/shiftsync ] || { echo "left behind: /usr/share/doc/shiftsync"; status=1; }
    return $status
}
check "no file of the package is left" nothing_left

user_data_kept() {
    find "$home" -type f | sort | diff "$work/home-before" - && grep -q 'ShiftSync/ShiftSync.conf$' "$work/home-before"
}
check "the user's data (settings, activity log) is untouched" user_data_kept

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
