#pragma once

#include <QString>

// "Start at login" on Linux desktops: an XDG autostart entry, <config>/autostart/<app id>.desktop,
// where <config> is $XDG_CONFIG_HOME or ~/.config. The entry file is the truth: a desktop's own
// "startup applications" panel edits or deletes it, so isEnabled() reads it back rather than
// trusting a saved preference.
namespace Autostart {

// The entry's full path, whether or not it exists.
QString entryPath();

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

// The entry's text. Exec quotes the path as the Desktop Entry Specification asks.
QString entryText(const QString &executable);

} // namespace Autostart
