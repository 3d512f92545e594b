#pragma once

// What the desktop GUI tests (tst_mainwindow, tst_tray) share: an in-process LivePerson
// simulator on a free loopback port, the demo bot's credentials written into the real
// gnome-keyring of tests/with-keyring.sh under a profile of the test's own, and DesktopApp
// options pointing that profile at the simulator for the run (as the command-line overrides do).
// The engine runs on the system clock, so its timers are real; nothing here is mocked.

#include "credentials/credentialstore.h"
#include "desktopapp.h"
#include "livepersonsimulator.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace DesktopFixture {

inline constexpr int WaitMs = 10'000;

// Before any QSettings exists: settings and logs go to a test location, never the user's.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ShiftSyncTests"));
    QCoreApplication::setApplicationName(QStringLiteral("ShiftSyncDesktopTests"));
    QSettings().clear();
}

// True when a session bus is there; without one the test is skipped, except in CI.
inline bool requireKeyring()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return true;
    if (qEnvironmentVariable("CI") == QLatin1String("true"))
        qFatal("no DBUS_SESSION_BUS_ADDRESS in CI: run the tests under tests/with-keyring.sh");
    return false;
}

inline Credentials demoCredentials(const LivePersonSimulator &simulator)
{
    Credentials credentials;
    credentials.username = simulator.account().username;
    credentials.appKey = simulator.account().clientId;
    credentials.secret = simulator.account().clientSecret;
    credentials.mavenApiKey = simulator.account().mavenApiKey;
    return credentials;
}

// Writes through a store of its own, as an earlier session of the app would have.
inline bool storeCredentials(const QString &profile, const Credentials &credentials)
{
    CredentialStore store;
    QSignalSpy written(&store, &CredentialStore::writeFinished);
    store.write(profile, credentials);
    return written.wait(WaitMs) && written.first().at(1).value<CredentialStore::Result>().isOk();
}

// The profile pointed at the simulator for this run only; nothing of it is saved.
inline DesktopApp::Options options(const QString &profile, const LivePersonSimulator &simulator, int intervalSeconds)
{
    const QUrl base = simulator.baseUrl();
    const QString account = simulator.account().accountId;
    DesktopApp::Options options;
    options.profile = profile;
    options.overrides = [=](ProfileConfig config) {
        config.accountId = account;
        config.csdsUrl = base;
        config.contextUrl = base;
        config.intervalSeconds = intervalSeconds;
        config.requestTimeoutSeconds = 5;
        return config;
    };
    return options;
}

} // namespace DesktopFixture
