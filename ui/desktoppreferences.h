#pragma once

class QSettings;

// The desktop app's own choices, which the headless mode has no use for: whether ShiftSync
// starts at login, starts hidden in the tray, and shows notifications. Kept in QSettings under
// "desktop/". Whether it really starts at login is decided by the autostart entry
// (Autostart::isEnabled()); startAtLogin is what the operator last asked for.
struct DesktopPreferences
{
    bool startAtLogin = false;
    bool startHidden = false;
    bool notifications = true;

    static DesktopPreferences load(QSettings &settings);
    void save(QSettings &settings) const;

    bool operator==(const DesktopPreferences &) const = default;
};
