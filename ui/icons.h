#pragma once

#include <QIcon>

// The app's icons, drawn from the SVGs in resources/icons/ (resource prefix /shiftsync).
// Each is rendered at the sizes trays, menus and task bars ask for (16-64 px), so the tray
// gets crisp pixels without depending on Qt's SVG icon-engine plugin being installed.
class Icons
{
public:
    // The tray's look for each sync state; also used on the main window's state line.
    enum class TrayLook { Ok, Syncing, Error, Stale, Paused };

    static QIcon app();
    static QIcon tray(TrayLook look);
    static QIcon onShift();
    static QIcon offShift();

    // The resource path of an icon file, e.g. ":/shiftsync/icons/tray-ok.svg".
    static QString path(const QString &fileName);

private:
    static QIcon render(const QString &fileName);
};
