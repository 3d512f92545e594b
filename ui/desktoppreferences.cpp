#include "desktoppreferences.h"

#include <QSettings>

namespace {

const QString StartAtLoginKey = QStringLiteral("desktop/startAtLogin");
const QString StartHiddenKey = QStringLiteral("desktop/startHidden");
const QString NotificationsKey = QStringLiteral("desktop/notifications");

} // namespace

DesktopPreferences DesktopPreferences::load(QSettings &settings)
{
    const DesktopPreferences defaults;
    DesktopPreferences preferences;
    preferences.startAtLogin = settings.value(StartAtLoginKey, defaults.startAtLogin).toBool();
    preferences.startHidden = settings.value(StartHiddenKey, defaults.startHidden).toBool();
    preferences.notifications = settings.value(NotificationsKey, defaults.notifications).toBool();
    return preferences;
}

void DesktopPreferences::save(QSettings &settings) const
{
    settings.setValue(StartAtLoginKey, startAtLogin);
    settings.setValue(StartHiddenKey, startHidden);
    settings.setValue(NotificationsKey, notifications);
}
