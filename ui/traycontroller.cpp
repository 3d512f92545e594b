#include "traycontroller.h"

#include "plaintext.h"
#include "sync/cyclereport.h"
#include "syncstatus.h"

#include <QAction>
#include <QMenu>
#include <QTimer>

namespace {

constexpr int AvailabilityCheckMs = 3000;

} // namespace

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_icon(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
    , m_availabilityCheck(new QTimer(this))
{
    m_icon->setIcon(Icons::tray(m_look));
    m_icon->setToolTip(tr("ShiftSync"));
    buildMenu();
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, &TrayController::onActivated);

    connect(m_availabilityCheck, &QTimer::timeout, this, &TrayController::checkAvailability);
    m_availabilityCheck->start(AvailabilityCheckMs);
    checkAvailability();
}

// The menu has no parent widget (a tray menu must not close with any window): delete it here.
TrayController::~TrayController()
{
    delete m_menu;
}

void TrayController::buildMenu()
{
    m_syncNow = m_menu->addAction(tr("&Sync now"), this, &TrayController::syncNowRequested);
    m_pause = m_menu->addAction(tr("&Pause syncing"), this, [this] {
        if (m_paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    QAction *open = m_menu->addAction(tr("&Open ShiftSync"), this, &TrayController::openRequested);
    m_menu->setDefaultAction(open);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &TrayController::quitRequested);
}

void TrayController::checkAvailability()
{
    const bool available = QSystemTrayIcon::isSystemTrayAvailable();
    if (available == m_available && m_icon->isVisible() == available)
        return;

    const bool changed = available != m_available;
    m_available = available;
    m_icon->setVisible(available);
    if (changed)
        Q_EMIT availabilityChanged(available);
}

// Every kind of click opens (shows, raises, activates) the window; none hides it, so a double
// click delivered as two Trigger activations still ends with the window in front (B08).
void TrayController::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    switch (reason) {
    case QSystemTrayIcon::Trigger:
    case QSystemTrayIcon::DoubleClick:
    case QSystemTrayIcon::MiddleClick:
        Q_EMIT openRequested();
        return;
    case QSystemTrayIcon::Context:
    case QSystemTrayIcon::Unknown:
        return;
    }
}

void TrayController::setStatus(const SyncStatus &status)
{
    if (status.look != m_look) {
        m_look = status.look;
        m_icon->setIcon(Icons::tray(m_look));
    }
    m_icon->setToolTip(PlainText::toolTip(status.toolTip()));
}

QString TrayController::toolTip() const
{
    return m_icon->toolTip();
}

void TrayController::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setText(paused ? tr("&Resume syncing") : tr("&Pause syncing"));
}

void TrayController::noteCycle(const CycleReport &report)
{
    if (!report.ok && !m_failing) {
        m_failing = true;
        notify(tr("ShiftSync: syncing is failing"), report.error.toString(), QSystemTrayIcon::Warning);
        return;
    }
    if (report.ok && m_failing) {
        m_failing = false;
        notify(tr("ShiftSync: syncing works again"),
            tr("Synced %1 skills (%2 on shift); bots read fresh data again.").arg(report.skills).arg(report.onShift));
    }
}

bool TrayController::notify(const QString &title,
    const QString &message,
    QSystemTrayIcon::MessageIcon icon,
    bool always)
{
    if (!m_available || (!m_notificationsEnabled && !always))
        return false;

    m_icon->showMessage(title, message, icon);
    Q_EMIT notified(title, message);
    return true;
}
