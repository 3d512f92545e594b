#pragma once

#include "config/profileconfig.h"
#include "credentials/credentials.h"
#include "net/apierror.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class Clock;
class HttpService;

// The "Test connection" check: walks a profile and a set of credentials through the same calls a
// sync cycle makes -- domains, login (a fresh session of its own, logged out afterwards), shift
// status, and a GET of the namespace to prove the Conversation Orchestrator key is accepted --
// and reports each step. It never writes: no PATCH, PUT or DELETE is ever sent, so testing
// values an operator has only typed cannot disturb what bots read.
//
// The HttpService's transfer timeout applies to every call; set it from the profile's request
// timeout before start() if the service is not shared with an engine.
class ConnectionTester : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionTester(HttpService *http, QObject *parent = nullptr);
    ConnectionTester(HttpService *http, const Clock &clock, QObject *parent = nullptr);
    ~ConnectionTester() override;

    // The steps a test reports, in order, so a view can list them before they run. A test that
    // cannot start reports SyncStep::Configuration or SyncStep::Credentials instead.
    static QList<SyncStep> steps();

    // Starts a test; a running one is cancelled first. Signals arrive from the event loop.
    void start(const ProfileConfig &config, const Credentials &credentials);

    // Drops a running test without emitting finished(); a session it opened is logged out.
    void cancel();

    bool isRunning() const { return m_run != nullptr; }

Q_SIGNALS:
    void stepStarted(SyncStep step);
    // `message` says what was found ("40 skills, 12 on shift") or what failed and what to do.
    // It never holds a secret.
    void stepFinished(SyncStep step, bool ok, const QString &message);
    // After the last step, and after the session has been logged out.
    void finished(bool ok);

private:
    struct Run;

    void resolveDomains();
    void logIn();
    void fetchShiftStatus();
    void readNamespace();
    void pass(SyncStep step, const QString &message);
    void fail(SyncStep step, const QString &message);
    void logOutAndFinish(bool ok);
    std::unique_ptr<Run> takeRun();

    HttpService *m_http;
    const Clock &m_clock;
    std::unique_ptr<Run> m_run;
};
