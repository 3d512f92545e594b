#pragma once

#include "api/domainresolver.h"
#include "config/profileconfig.h"
#include "config/profilesettings.h"
#include "credentials/credentials.h"
#include "sync/cyclereport.h"
#include "sync/shiftshaper.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class ActivityLog;
class Clock;
class ContextStoreClient;
class HttpService;
class LoginSession;
class QSettings;
class ShiftStatusClient;
class SkillsClient;

// What the engine is doing, for status lines and tray icons.
enum class EngineState {
    Idle, // waiting for the next scheduled cycle
    Syncing, // a cycle is running; currentStep() says where
    WaitingToRetry, // a cycle failed transiently; nextSyncAt() says when it is retried
    Error, // the last cycle failed; halted() says whether it waits for the operator
    Paused,
};

QString engineStateName(EngineState state);

// Runs the sync cycle for one account profile: domains -> session -> shift status ->
// shape -> PATCH, on a single single-shot timer that is re-armed only after a cycle ends, so
// cycles never overlap. A manual syncNow() during a cycle joins it. A failure at any step
// ends the cycle before the write, so good data in the store is never replaced by bad.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(HttpService *http, const Clock &clock, QObject *parent = nullptr);
    ~SyncEngine() override;

    void setConfig(const ProfileConfig &config);
    const ProfileConfig &config() const { return m_config; }
    void setCredentials(const Credentials &credentials);
    void clearCredentials();
    bool hasCredentials() const { return m_credentials.isComplete(); }

    // Whether successful cycles also keep skill names current (one Skills API request when
    // names are missing or an hour old; a 304 when unchanged). The desktop wants names; the
    // headless mode does not need them and keeps a warm cycle at two requests.
    void setFetchSkillNames(bool fetch) { m_fetchSkillNames = fetch; }
    const QHash<QString, QString> &skillNames() const { return m_skillNames; }

    // Where the keys written by the last cycle are remembered across restarts (may be null).
    void setStateStore(QSettings *settings) { m_stateStore = settings; }

    ActivityLog *activityLog() const { return m_log; }
    LoginSession *session() const { return m_session; }

    EngineState state() const { return m_state; }
    SyncStep currentStep() const { return m_step; }
    bool halted() const { return m_halted; }
    QDateTime nextSyncAt() const { return m_nextDue; }
    QDateTime lastSuccessAt() const { return m_lastSuccessAt; }
    const CycleReport &lastReport() const { return m_lastReport; }
    const QList<SkillShift> &skills() const { return m_skills; }
    int failuresInARow() const { return m_failuresInARow; }
    // The hosts the last cycle resolved, for read-backs and the settings view.
    const ServiceEndpoints &endpoints() const { return m_endpoints; }

    // Whether the last success is older than twice the interval.
    bool isStale() const;

public Q_SLOTS:
    // Starts periodic syncing with a cycle right away.
    void start();
    // Runs a cycle now; joins the running one instead of starting a second.
    void syncNow();
    void pause();
    void resume();
    // Stops scheduling, drops a running cycle and logs out (bounded by a short timeout).
    void shutdown(std::function<void()> done = {});

Q_SIGNALS:
    void stateChanged(EngineState state);
    void stepChanged(SyncStep step);
    void cycleStarted();
    void cycleFinished(const CycleReport &report);
    void skillsChanged();
    void skillNamesChanged();

private:
    struct Cycle;

    void startCycle();
    void resolveDomains();
    void ensureSession();
    void fetchShiftStatus();
    void onShiftStatus(const ApiError &error, const QJsonArray &entries);
    void write(const ShapedShiftStatus &shaped);
    void onWritten(const ApiError &error, const ShapedShiftStatus &shaped);
    void pruneNext();
    void succeed();
    bool needsSkillNames() const;
    void fetchSkillNames();
    void completeSuccess();
    void fail(const ApiError &error);
    void finishCycle();

    void beginStep(SyncStep step);
    void endStep();
    void warn(const QString &message);
    void setState(EngineState state);
    void scheduleIn(qint64 ms);
    void onTimer();
    QString writeTarget() const;
    QStringList rememberedKeys(const QString &target) const;
    void rememberKeys(const QString &target, const QStringList &keys);
    void noteVanished(const QStringList &previous, const QStringList &current);

    HttpService *m_http;
    const Clock &m_clock;
    DomainResolver *m_domains;
    LoginSession *m_session;
    ShiftStatusClient *m_shiftStatus;
    ContextStoreClient *m_context;
    SkillsClient *m_skillsClient;
    ActivityLog *m_log;
    QSettings *m_stateStore = nullptr;

    ProfileConfig m_config;
    Credentials m_credentials;

    QTimer m_timer; // the one timer; see scheduleIn()
    QDateTime m_nextDue;
    std::unique_ptr<Cycle> m_cycle; // set while a cycle runs
    bool m_paused = false;
    bool m_halted = false;
    EngineState m_state = EngineState::Idle;
    SyncStep m_step = SyncStep::None;

    QDateTime m_lastSuccessAt;
    CycleReport m_lastReport;
    QList<SkillShift> m_skills;
    ServiceEndpoints m_endpoints;
    QHash<QString, QStringList> m_writtenKeys; // per writeTarget(), when no state store is set
    bool m_fetchSkillNames = false;
    QHash<QString, QString> m_skillNames;
    QByteArray m_skillsRevision;
    QDateTime m_skillNamesCheckedAt;
    int m_failuresInARow = 0;
};
