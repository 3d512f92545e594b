#pragma once

#include "icons.h"

#include <QObject>
#include <QSystemTrayIcon>

class QAction;
class QMenu;
class QTimer;
struct CycleReport;
struct SyncStatus;

// The tray icon: its look tells the sync state (ok, syncing, error, stale, paused) and its
// tooltip sums it up; its menu has Sync now, Pause/Resume, Open ShiftSync and Quit, so nothing
// depends on how a desktop delivers clicks. Any activation asks to open the window, never to
// toggle it (B08). It notifies when syncing starts failing and when it recovers, not on every
// failed cycle. Whether a tray host exists is checked at startup and then every few seconds,
// because one can appear or vanish while ShiftSync runs (B06).
class TrayController : public QObject
{
    Q_OBJECT

public:
    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    bool isAvailable() const { return m_available; }

    void setStatus(const SyncStatus &status);
    void setPaused(bool paused);
    void setNotificationsEnabled(bool enabled) { m_notificationsEnabled = enabled; }
    bool notificationsEnabled() const { return m_notificationsEnabled; }

    // Feeds a finished cycle to the failing/recovered notifications.
    void noteCycle(const CycleReport &report);

    // Shows a notification when the tray is there and notifications are on (or `always`, for
    // hints the operator must see once). Returns whether it was shown.
    bool notify(const QString &title,
        const QString &message,
        QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information,
        bool always = false);

    Icons::TrayLook look() const { return m_look; }
    QString toolTip() const;
    QSystemTrayIcon *trayIcon() const { return m_icon; }
    QMenu *menu() const { return m_menu; }

Q_SIGNALS:
    void openRequested();
    void syncNowRequested();
    void pauseRequested();
    void resumeRequested();
    void quitRequested();
    void availabilityChanged(bool available);
    // A notification went out (for the log and for tests).
    void notified(const QString &title, const QString &message);

private:
    void buildMenu();
    void checkAvailability();
    void onActivated(QSystemTrayIcon::ActivationReason reason);

    QSystemTrayIcon *m_icon;
    QMenu *m_menu;
    QAction *m_syncNow = nullptr;
    QAction *m_pause = nullptr;
    QTimer *m_availabilityCheck;
    Icons::TrayLook m_look = Icons::TrayLook::Stale;
    bool m_available = false;
    bool m_paused = false;
    bool m_notificationsEnabled = true;
    bool m_failing = false;
};
