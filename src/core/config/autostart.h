#pragma once

#include <QString>

// "Start at login", through each platform's own mechanism:
// - Linux and other XDG desktops: an autostart entry, <config>/autostart/<app id>.desktop, where
//   <config> is $XDG_CONFIG_HOME or ~/.config. The entry file is the truth: a desktop's own
//   "startup applications" panel edits or deletes it, so isEnabled() reads it back rather than
//   trusting a saved preference. TryExec makes the desktop skip it once ShiftSync is uninstalled.
// - Windows: a value named after the app id under HKCU\...\CurrentVersion\Run (untested here).
// - macOS: a LaunchAgent, ~/Library/LaunchAgents/<app id>.plist, with RunAtLoad (untested here).
namespace Autostart {

// Where the entry lives (a file path, or the registry value on Windows), whether or not it exists.
QString entryPath();

// The XDG implementation, also used directly by the tests on Linux.
QString xdgEntryPath();
bool xdgIsEnabled();
bool xdgEnable(const QString &executable, QString *error = nullptr);
bool xdgDisable(QString *error = nullptr);

// An entry exists and neither hides it (Hidden=true) nor turns it off
// (X-GNOME-Autostart-enabled=false).
bool isEnabled();

// Writes the entry (atomically) so that `executable` starts at login. On failure returns false
// and says why in `error`, for people.
bool enable(const QString &executable, QString *error = nullptr);

// Removes the entry; a missing entry is fine.
bool disable(QString *error = nullptr);

// enable() or disable().
bool setEnabled(bool enabled, const QString &executable, QString *error = nullptr);

// The XDG entry's text. Exec quotes the path as the Desktop Entry Specification asks.
QString entryText(const QString &executable);

} // namespace Autostart
