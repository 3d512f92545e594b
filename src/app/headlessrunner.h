#pragma once

#include "commandline.h"
#include "credentials/credentials.h"
#include "sync/cyclereport.h"

#include <QObject>
#include <QSettings>

class ContextStoreClient;
class CredentialStore;
class HttpService;
class QNetworkAccessManager;
class QJsonObject;
class QUrl;
class SyncEngine;

// Runs the command-line modes (--sync-once, --headless, --import-credentials,
// --show-cache) on the same engine the desktop app uses, with no display. Output meant for
// scripts goes to stdout (the skill table, the cache, --json lines); diagnostics go to stderr.
class HeadlessRunner : public QObject
{
    Q_OBJECT

public:
    explicit HeadlessRunner(const CommandLine &line, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Starts the mode; finished() reports the exit code.
    void start();

public Q_SLOTS:
    // SIGTERM/SIGINT: finish cleanly (log out) and exit with the last cycle's code.
    void stop();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void importCredentials();
    void obtainCredentials();
    void run(const Credentials &credentials);
    void onCycleFinished(const CycleReport &report);
    bool retrySoon();
    void showCache();
    void readCache(const QUrl &base);
    void printCache(const QJsonObject &properties);
    void finish(int exitCode);
    void printReport(const CycleReport &report);
    void fail(int exitCode, const QString &message);

    CommandLine m_line;
    QSettings m_settings;
    ProfileConfig m_config;
    Credentials m_credentials;
    QNetworkAccessManager *m_nam;
    HttpService *m_http;
    SyncEngine *m_engine;
    ContextStoreClient *m_context;
    CredentialStore *m_store;
    static constexpr qint64 MaxSyncOnceWaitMs = 60'000;

    int m_cyclesDone = 0;
    int m_retries = 0;
    int m_lastExitCode = 0;
    bool m_finishing = false;
};
