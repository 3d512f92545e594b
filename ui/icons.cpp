#include "icons.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace {

QString trayFile(Icons::TrayLook look)
{
    switch (look) {
    case Icons::TrayLook::Ok:
        return QStringLiteral("tray-ok.svg");
    case Icons::TrayLook::Syncing:
        return QStringLiteral("tray-syncing.svg");
    case Icons::TrayLook::Error:
        return QStringLiteral("tray-error.svg");
    case Icons::TrayLook::Stale:
        return QStringLiteral("tray-stale.svg");
    case Icons::TrayLook::Paused:
        return QStringLiteral("tray-paused.svg");
    }
    return QStringLiteral("tray-ok.svg");
}

} // namespace

QString Icons::path(const QString &fileName)
{
    return QStringLiteral(":/shiftsync/icons/") + fileName;
}

QIcon Icons::app()
{
    return render(QStringLiteral("shiftsync.svg"));
}

QIcon Icons::tray(TrayLook look)
{
    return render(trayFile(look));
}

QIcon Icons::onShift()
{
    return render(QStringLiteral("on-shift.svg"));
}

QIcon Icons::offShift()
{
    return render(QStringLiteral("off-shift.svg"));
}

// Rendered once per file and kept: the tray icon changes with every cycle.
QIcon Icons::render(const QString &fileName)
{
    static QHash<QString, QIcon> cache;
    if (const auto found = cache.constFind(fileName); found != cache.cend())
        return *found;

    QSvgRenderer renderer(path(fileName));
    QIcon icon;
    for (const int size : {16, 20, 22, 24, 32, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(fileName, icon);
    return icon;
}
