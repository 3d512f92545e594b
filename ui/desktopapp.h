#pragma once

#include "config/profileconfig.h"
#include "credentials/credentials.h"
#include "credentials/credentialstore.h"
#include "sync/activitylog.h"
#include "syncstatus.h"

#include <QObject>
#include <QPointer>
#include <QSettings>

#include <functional>

class Clock;
class CredentialsDialog;
class HttpService;
class MainWindow;
class QNetworkAccessManager;
class QTimer;
class ReadBackLoader;
class SettingsDialog;
class SyncEngine;
class TrayController;
struct CycleReport;

// The desktop app: owns the network stack, the sync engine, the keychain store, the main
// window and the tray icon, and decides what the operator's requests mean. It reads the
// credentials from the keychain only once the event loop runs, shows "waiting for the
// keychain" meanwhile, asks for credentials only when none are stored, and offers Retry (and
// retries by itself) when the keychain is locked, missing or slow (B01-B04). The app runs
// until an explicit Quit: closing the window hides it to the tray, or asks when there is no
// tray (B06, B07). Quit waits a bounded time for a keychain save in flight, then shuts the
// engine down (log out) before quitFinished().
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString profile = QStringLiteral("default");
        // The command line's overrides for this run only (CommandLine::apply); may be empty.
        std::function<ProfileConfig(ProfileConfig)> overrides;
        // Where the activity log is kept; empty keeps it in memory (tests).
        QString activityLogPath;
        // Tests pass a ManualClock; null means the system clock.
        const Clock *clock = nullptr;
    };

    explicit DesktopApp(const Options &options, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Shows the window (unless it starts hidden in a tray that exists) and reads the
    // credentials once the event loop runs.
    void start();

    SyncEngine *engine() const { return m_engine; }
    CredentialStore *credentialStore() const { return m_store; }
    MainWindow *window() const { return m_window; }
    TrayController *tray() const { return m_tray; }
    const ProfileConfig &config() const { return m_config; }
    CredentialsState credentialsState() const { return m_credentialsState; }
    bool isPaused() const { return m_paused; }
    bool isQuitting() const { return m_quitting; }
    SyncStatus status() const;

    // The dialogs while they are open (null otherwise).
    CredentialsDialog *credentialsDialog() const;
    SettingsDialog *settingsDialog() const;

    // How long Quit waits for a keychain save to finish.
    static constexpr int QuitWaitMs = 5000;
    // How long after a failed keychain read it is tried again by itself.
    static constexpr int KeychainRetryMs = 60'000;

public Q_SLOTS:
    // Shows, raises and activates the main window; idempotent (B08).
    void showWindow();
    void openCredentials();
    void openSettings();
    void readCredentials();
    void syncNow();
    void pause();
    void resume();
    // Ends cleanly: waits (bounded) for a keychain save, shuts the engine down, then emits
    // quitFinished(). Calling it again does nothing.
    void quit();

Q_SIGNALS:
    void credentialsStateChanged(CredentialsState state);
    // Shutdown is done; the caller ends the event loop.
    void quitFinished();

private:
    QString pausedKey() const;
    static QStringList runOverrides(const ProfileConfig &saved, const ProfileConfig &effective);
    void wire();
    void
    onCredentialsRead(const QString &profile, const CredentialStore::Result &result, const Credentials &credentials);
    void onCredentialsSaved(const ProfileConfig &config, const Credentials &credentials);
    void applySettings();
    void applyStartAtLogin(bool enabled);
    void useCredentials(const Credentials &credentials);
    void setCredentialsState(CredentialsState state, const QString &message = {});
    void startSyncing();
    void refreshStatus();
    void onCycleFinished(const CycleReport &report);
    void onCloseRequested();
    void askWhetherToQuit();
    void onTrayAvailabilityChanged(bool available);
    void hintMissingTray();
    void refreshBotsRead();
    void finishQuit();
    void logActivity(LogEntry::Level level, const QString &message);

    Options m_options;
    QSettings m_settings;
    const Clock &m_clock;
    ProfileConfig m_config;
    Credentials m_credentials;

    QNetworkAccessManager *m_nam;
    HttpService *m_http;
    SyncEngine *m_engine;
    CredentialStore *m_store;
    ReadBackLoader *m_readBack;
    MainWindow *m_window;
    TrayController *m_tray;
    QTimer *m_statusTimer;
    QTimer *m_keychainRetry;
    QTimer *m_quitWait;
    QPointer<CredentialsDialog> m_credentialsDialog;
    QPointer<SettingsDialog> m_settingsDialog;

    CredentialsState m_credentialsState = CredentialsState::Loading;
    QString m_credentialsMessage;
    int m_readsPending = 0; // keychain reads this object asked for and has not had answered
    bool m_started = false;
    bool m_engineStarted = false;
    bool m_paused = false;
    // Whether a "not found" read opens the credentials dialog; off for the quiet re-read
    // after the dialog was closed without saving.
    bool m_askIfMissing = true;
    bool m_quitting = false;
    bool m_shuttingDown = false;
    bool m_trayHintShown = false;
};
