#include "desktopapp.h"

#include "botsreadpanel.h"
#include "config/autostart.h"
#include "config/profilesettings.h"
#include "credentialsdialog.h"
#include "desktoppreferences.h"
#include "guilogging.h"
#include "icons.h"
#include "mainwindow.h"
#include "net/httpservice.h"
#include "readbackloader.h"
#include "settingsdialog.h"
#include "sync/syncengine.h"
#include "traycontroller.h"
#include "util/clock.h"

#include <QApplication>
#include <QJsonObject>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

#include <tuple>
#include <utility>

namespace {

const QString CloseHintShownKey = QStringLiteral("desktop/closeHintShown");

constexpr int StatusRefreshMs = 1000;

ProfileConfig withOverrides(const DesktopApp::Options &options, const ProfileConfig &saved)
{
    return options.overrides ? options.overrides(saved) : saved;
}

} // namespace

DesktopApp::DesktopApp(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_clock(options.clock ? *options.clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
    , m_http(new HttpService(m_nam, this))
    , m_engine(new SyncEngine(m_http, m_clock, this))
    , m_store(new CredentialStore(this))
    , m_readBack(new ReadBackLoader(m_http, m_clock, this))
    , m_window(new MainWindow(m_engine, m_clock))
    , m_tray(new TrayController(this))
    , m_statusTimer(new QTimer(this))
    , m_keychainRetry(new QTimer(this))
    , m_quitWait(new QTimer(this))
{
    QApplication::setWindowIcon(Icons::app());
    QGuiApplication::setDesktopFileName(QStringLiteral(SHIFTSYNC_APP_ID));
    // Only an explicit Quit ends a tray app: not the last window (or dialog) closing, and not
    // Qt 6's quit lock, which setQuitOnLastWindowClosed(false) no longer switches off (B07).
    QApplication::setQuitOnLastWindowClosed(false);
    QCoreApplication::setQuitLockEnabled(false);

    m_config = withOverrides(options, ProfileSettings::load(m_settings, options.profile));
    m_engine->setConfig(m_config);
    m_engine->setFetchSkillNames(true);
    m_engine->setStateStore(&m_settings);
    m_engine->activityLog()->setFilePath(options.activityLogPath);

    m_keychainRetry->setSingleShot(true);
    m_quitWait->setSingleShot(true);
    wire();
    refreshStatus();
}

// Users before what they use: the window (its dialogs hold the store), then everything that
// sends requests, then the HTTP service (it aborts replies the manager still owns), then the
// manager. QObject would delete the children in creation order, manager first.
DesktopApp::~DesktopApp()
{
    delete m_window;
    delete m_tray;
    delete m_readBack;
    delete m_engine;
    delete m_http;
    delete m_nam;
}

void DesktopApp::wire()
{
    connect(m_engine, &SyncEngine::stateChanged, this, &DesktopApp::refreshStatus);
    connect(m_engine, &SyncEngine::stepChanged, this, &DesktopApp::refreshStatus);
    connect(m_engine, &SyncEngine::cycleFinished, this, &DesktopApp::onCycleFinished);
    connect(m_statusTimer, &QTimer::timeout, this, &DesktopApp::refreshStatus);
    connect(m_store, &CredentialStore::readFinished, this, &DesktopApp::onCredentialsRead);
    connect(m_keychainRetry, &QTimer::timeout, this, &DesktopApp::readCredentials);
    connect(m_quitWait, &QTimer::timeout, this, [this] {
        logActivity(LogEntry::Level::Warning,
            tr("the keychain did not confirm saving the credentials in time; the save may not have completed"));
        finishQuit();
    });

    connect(m_window, &MainWindow::syncNowRequested, this, &DesktopApp::syncNow);
    connect(m_window, &MainWindow::pauseRequested, this, &DesktopApp::pause);
    connect(m_window, &MainWindow::resumeRequested, this, &DesktopApp::resume);
    connect(m_window, &MainWindow::credentialsRequested, this, &DesktopApp::openCredentials);
    connect(m_window, &MainWindow::settingsRequested, this, &DesktopApp::openSettings);
    connect(m_window, &MainWindow::retryKeychainRequested, this, &DesktopApp::readCredentials);
    connect(m_window, &MainWindow::quitRequested, this, &DesktopApp::quit);
    connect(m_window, &MainWindow::closeRequested, this, &DesktopApp::onCloseRequested);
    connect(m_window->botsReadPanel(), &BotsReadPanel::refreshRequested, this, &DesktopApp::refreshBotsRead);
    connect(m_readBack, &ReadBackLoader::loaded, this, [this](const QJsonObject &properties) {
        m_window->botsReadPanel()->showProperties(m_config.contextNamespace, properties, m_clock.nowUtc());
    });
    connect(m_readBack, &ReadBackLoader::failed, m_window->botsReadPanel(), &BotsReadPanel::showError);

    connect(m_tray, &TrayController::openRequested, this, &DesktopApp::showWindow);
    connect(m_tray, &TrayController::syncNowRequested, this, &DesktopApp::syncNow);
    connect(m_tray, &TrayController::pauseRequested, this, &DesktopApp::pause);
    connect(m_tray, &TrayController::resumeRequested, this, &DesktopApp::resume);
    connect(m_tray, &TrayController::quitRequested, this, &DesktopApp::quit);
    connect(m_tray, &TrayController::availabilityChanged, this, &DesktopApp::onTrayAvailabilityChanged);
}

void DesktopApp::start()
{
    if (m_started)
        return;
    m_started = true;

    const DesktopPreferences preferences = DesktopPreferences::load(m_settings);
    m_tray->setNotificationsEnabled(preferences.notifications);
    m_window->restoreLayout(m_settings);

    // Hidden only into a tray that exists: otherwise there would be no way back (B06).
    if (!preferences.startHidden || !m_tray->isAvailable())
        showWindow();
    if (!m_tray->isAvailable())
        hintMissingTray();

    // A pause is the operator's decision and outlives a restart (and a login autostart).
    if (m_settings.value(pausedKey()).toBool())
        pause();

    m_statusTimer->start(StatusRefreshMs);
    // Some keychain backends block on their first call: never before the window is up (B02).
    QTimer::singleShot(0, this, &DesktopApp::readCredentials);
}

CredentialsDialog *DesktopApp::credentialsDialog() const
{
    return m_credentialsDialog;
}

SettingsDialog *DesktopApp::settingsDialog() const
{
    return m_settingsDialog;
}

void DesktopApp::showWindow()
{
    m_window->bringToFront();
}

SyncStatus DesktopApp::status() const
{
    return SyncStatus::compute(*m_engine, m_clock.nowUtc(), {m_credentialsState, m_credentialsMessage, m_paused});
}

void DesktopApp::refreshStatus()
{
    const SyncStatus current = status();
    m_window->setStatus(current);
    m_tray->setStatus(current);
}

void DesktopApp::logActivity(LogEntry::Level level, const QString &message)
{
    m_engine->activityLog()->add(level, SyncStep::Credentials, message, m_clock.nowUtc());
}

// --- credentials -------------------------------------------------------------------------

void DesktopApp::readCredentials()
{
    if (m_quitting)
        return;

    m_keychainRetry->stop();
    setCredentialsState(CredentialsState::Loading);
    ++m_readsPending;
    m_store->read(m_config.profile, m_config.loginForm);
}

void DesktopApp::onCredentialsRead(const QString &profile,
    const CredentialStore::Result &result,
    const Credentials &credentials)
{
    // The credentials dialog reads through the same store; its answers are its own business.
    if (profile != m_config.profile || m_readsPending == 0)
        return;
    --m_readsPending;
    if (m_quitting)
        return;

    switch (result.status) {
    case CredentialStore::Status::Ok:
        useCredentials(credentials);
        return;
    case CredentialStore::Status::NotFound:
    case CredentialStore::Status::Incomplete:
        // Only "not found" asks for credentials; a read never writes anything back (B02, B03).
        setCredentialsState(CredentialsState::Missing, result.message);
        logActivity(LogEntry::Level::Warning, result.message);
        if (std::exchange(m_askIfMissing, true))
            openCredentials();
        return;
    default:
        setCredentialsState(CredentialsState::Unavailable, result.message);
        logActivity(LogEntry::Level::Error,
            tr("%1 Syncing waits; reading the keychain again in %2 s, or press Retry.")
                .arg(result.message)
                .arg(KeychainRetryMs / 1000));
        m_keychainRetry->start(KeychainRetryMs);
        return;
    }
}

void DesktopApp::useCredentials(const Credentials &credentials)
{
    m_credentials = credentials;
    m_engine->setCredentials(credentials);
    setCredentialsState(CredentialsState::Ready);
    startSyncing();
}

void DesktopApp::setCredentialsState(CredentialsState state, const QString &message)
{
    m_credentialsState = state;
    m_credentialsMessage = message;

    switch (state) {
    case CredentialsState::Loading:
        m_window->setCredentialsProblem(QString(), false);
        break;
    case CredentialsState::Ready:
        m_window->setCredentialsProblem(QString(), false);
        break;
    case CredentialsState::Missing:
        m_window->setCredentialsProblem(tr("No credentials are stored for profile \"%1\". Enter them to start "
                                           "syncing.")
                                            .arg(m_config.profile),
            false);
        break;
    case CredentialsState::Unavailable:
        m_window->setCredentialsProblem(message, true);
        break;
    }
    refreshStatus();
    Q_EMIT credentialsStateChanged(state);
}

void DesktopApp::startSyncing()
{
    if (m_paused) {
        m_engine->pause();
        return;
    }
    if (!m_engineStarted) {
        m_engineStarted = true;
        m_engine->start();
        return;
    }
    m_engine->syncNow();
}

void DesktopApp::openCredentials()
{
    if (m_credentialsDialog) {
        m_credentialsDialog->raise();
        m_credentialsDialog->activateWindow();
        return;
    }

    m_credentialsDialog = new CredentialsDialog(m_store, m_config, m_window);
    m_credentialsDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_credentialsDialog, &CredentialsDialog::saved, this, &DesktopApp::onCredentialsSaved);
    connect(m_credentialsDialog, &QDialog::finished, this, [this] {
        // Closed without saving: the keyring may have been unlocked meanwhile (the dialog's
        // Retry reads it too), so read once more, quietly, instead of waiting for a restart.
        if (m_credentialsState != CredentialsState::Ready && !m_quitting) {
            m_askIfMissing = false;
            readCredentials();
        }
    });
    m_credentialsDialog->show();
}

void DesktopApp::onCredentialsSaved(const ProfileConfig &config, const Credentials &credentials)
{
    // The account id and login method are settings; keep them, but not this run's overrides.
    ProfileConfig saved = ProfileSettings::load(m_settings, m_config.profile);
    saved.accountId = config.accountId;
    saved.loginForm = config.loginForm;
    ProfileSettings::save(m_settings, saved);

    m_config = withOverrides(m_options, saved);
    m_engine->setConfig(m_config);
    logActivity(LogEntry::Level::Info, tr("credentials of profile \"%1\" saved in the keychain").arg(m_config.profile));
    useCredentials(credentials);
}

// --- settings ----------------------------------------------------------------------------

QStringList DesktopApp::runOverrides(const ProfileConfig &saved, const ProfileConfig &effective)
{
    QStringList overrides;
    if (saved.accountId != effective.accountId)
        overrides << tr("account %1").arg(effective.accountId);
    if (saved.intervalSeconds != effective.intervalSeconds)
        overrides << tr("interval %1 s").arg(effective.intervalSeconds);
    for (const auto &[name, savedUrl, effectiveUrl] : {std::tuple {tr("CSDS URL"), saved.csdsUrl, effective.csdsUrl},
             std::tuple {tr("login URL"), saved.loginUrl, effective.loginUrl},
             std::tuple {tr("shift status URL"), saved.shiftStatusUrl, effective.shiftStatusUrl},
             std::tuple {tr("context URL"), saved.contextUrl, effective.contextUrl}}) {
        if (savedUrl != effectiveUrl)
            overrides << QStringLiteral("%1 %2").arg(name, effectiveUrl.toString());
    }
    return overrides;
}

void DesktopApp::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }

    // The dialog edits the saved settings: this run's command-line overrides stay out of them.
    // Start at login shows the autostart entry, which the desktop's own panel may have changed.
    const ProfileConfig saved = ProfileSettings::load(m_settings, m_config.profile);
    DesktopPreferences preferences = DesktopPreferences::load(m_settings);
    preferences.startAtLogin = Autostart::isEnabled();
    m_settingsDialog = new SettingsDialog(saved, preferences, m_window);
    m_settingsDialog->setRunOverrides(runOverrides(saved, m_config));
    m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_settingsDialog, &QDialog::accepted, this, &DesktopApp::applySettings);
    m_settingsDialog->show();
}

void DesktopApp::applySettings()
{
    const ProfileConfig saved = m_settingsDialog->config();
    const DesktopPreferences preferences = m_settingsDialog->preferences();
    ProfileSettings::save(m_settings, saved);
    preferences.save(m_settings);
    m_tray->setNotificationsEnabled(preferences.notifications);
    applyStartAtLogin(preferences.startAtLogin);

    m_config = withOverrides(m_options, saved);
    m_engine->setConfig(m_config);
    logActivity(LogEntry::Level::Info, tr("settings saved"));

    // A new interval or endpoint counts from a fresh cycle.
    if (m_credentialsState == CredentialsState::Ready && !m_paused)
        m_engine->syncNow();
    refreshStatus();
}

void DesktopApp::applyStartAtLogin(bool enabled)
{
    if (enabled == Autostart::isEnabled())
        return;

    QString error;
    if (Autostart::setEnabled(enabled, QCoreApplication::applicationFilePath(), &error))
        return;
    const QString message = tr("Could not change \"start at login\": %1").arg(error);
    m_window->statusBar()->showMessage(message);
    m_engine->activityLog()->add(LogEntry::Level::Warning, SyncStep::None, message, m_clock.nowUtc());
}

// --- syncing -----------------------------------------------------------------------------

void DesktopApp::syncNow()
{
    switch (m_credentialsState) {
    case CredentialsState::Ready:
        m_engine->syncNow();
        return;
    case CredentialsState::Missing:
        // A locked Secret Service keyring reads as "not found": read again before asking.
    case CredentialsState::Unavailable:
        readCredentials();
        return;
    case CredentialsState::Loading:
        return;
    }
}

QString DesktopApp::pausedKey() const
{
    return QStringLiteral("profiles/%1/paused").arg(m_config.profile);
}

void DesktopApp::pause()
{
    if (m_paused)
        return;

    m_paused = true;
    m_settings.setValue(pausedKey(), true);
    m_engine->pause();
    m_window->setPaused(true);
    m_tray->setPaused(true);
    refreshStatus();
}

void DesktopApp::resume()
{
    if (!m_paused)
        return;

    m_paused = false;
    m_settings.remove(pausedKey());
    m_window->setPaused(false);
    m_tray->setPaused(false);
    if (m_credentialsState == CredentialsState::Ready) {
        m_engineStarted = true;
        m_engine->resume();
    }
    refreshStatus();
}

void DesktopApp::onCycleFinished(const CycleReport &report)
{
    refreshStatus();
    m_tray->noteCycle(report);
}

void DesktopApp::refreshBotsRead()
{
    if (m_credentialsState != CredentialsState::Ready) {
        m_window->botsReadPanel()->showError(tr("the credentials are not available yet."));
        return;
    }

    m_window->botsReadPanel()->showLoading();
    m_readBack->load(m_config, m_engine->endpoints().context, m_credentials.mavenApiKey.toUtf8());
}

// --- window and tray ---------------------------------------------------------------------

void DesktopApp::onCloseRequested()
{
    m_window->saveLayout(m_settings);
    if (!m_tray->isAvailable())
        return askWhetherToQuit();

    m_window->hide();
    if (!m_settings.value(CloseHintShownKey, false).toBool()) {
        m_tray->notify(tr("ShiftSync is still running"),
            tr("ShiftSync keeps syncing in the tray. Choose Quit in the tray menu to stop it."),
            QSystemTrayIcon::Information,
            true);
        m_settings.setValue(CloseHintShownKey, true);
    }
}

// Without a tray, hiding the window would leave a process nobody can reach (B06): ask.
void DesktopApp::askWhetherToQuit()
{
    auto *box = new QMessageBox(QMessageBox::Question,
        tr("Quit ShiftSync?"),
        tr("There is no system tray on this desktop, so ShiftSync cannot keep running hidden. Quit and stop "
           "syncing, or keep it running as a minimized window?"),
        QMessageBox::NoButton,
        m_window);
    box->setObjectName(QStringLiteral("quitQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *quitButton = box->addButton(tr("&Quit"), QMessageBox::AcceptRole);
    QPushButton *minimizeButton = box->addButton(tr("&Minimize"), QMessageBox::RejectRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(minimizeButton);

    connect(box, &QMessageBox::buttonClicked, this, [this, quitButton, minimizeButton](QAbstractButton *button) {
        if (button == quitButton)
            quit();
        else if (button == minimizeButton)
            m_window->showMinimized();
    });
    box->open();
}

void DesktopApp::onTrayAvailabilityChanged(bool available)
{
    qCInfo(lcTray) << (available ? "a system tray appeared" : "the system tray went away");
    if (available)
        return;

    // The tray vanished: a hidden window would be unreachable, so bring it back.
    if (!m_window->isVisible())
        showWindow();
    hintMissingTray();
}

void DesktopApp::hintMissingTray()
{
    if (m_trayHintShown)
        return;
    m_trayHintShown = true;

    const QString hint = tr("No system tray found, so ShiftSync stays a window: closing it asks whether to quit. "
                            "On GNOME, install and enable the \"AppIndicator and KStatusNotifierItem Support\" "
                            "extension to get the tray icon.");
    m_window->statusBar()->showMessage(hint);
    m_engine->activityLog()->add(LogEntry::Level::Info, SyncStep::None, hint, m_clock.nowUtc());
}

// --- quitting ----------------------------------------------------------------------------

void DesktopApp::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;

    m_window->saveLayout(m_settings);
    m_statusTimer->stop();
    m_keychainRetry->stop();

    // A save the keychain has not confirmed yet would be lost or half-applied (B04).
    if (m_store->hasPendingWrite()) {
        m_window->statusBar()->showMessage(tr("Saving the credentials to the keychain before quitting…"));
        connect(m_store, &CredentialStore::idle, this, &DesktopApp::finishQuit);
        m_quitWait->start(QuitWaitMs);
        return;
    }
    finishQuit();
}

void DesktopApp::finishQuit()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;

    m_quitWait->stop();
    m_settings.sync();
    qCInfo(lcGui) << "quitting: stopping the engine and logging out";
    m_engine->shutdown([this] {
        m_tray->trayIcon()->hide();
        Q_EMIT quitFinished();
    });
}
