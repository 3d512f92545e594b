#include "syncengine.h"

#include "api/contextstoreclient.h"
#include "api/loginsession.h"
#include "api/shiftstatusclient.h"
#include "api/skillsclient.h"
#include "net/httpservice.h"
#include "sync/activitylog.h"
#include "sync/retrypolicy.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QJsonDocument>
#include <QSet>
#include <QSettings>

namespace {

// The timer never sleeps longer than this, and compares the wall clock each time it wakes:
// Qt's timers stop counting during suspend, so a long single wait would fire late (B15).
constexpr qint64 MaxTimerSliceMs = 30'000;

// A document this close to the store's limit earns a warning before it starts failing.
constexpr double SizeWarningRatio = 0.8;

constexpr int ShutdownTimeoutMs = 5000;

// Pruning deletes at most this many keys in one cycle, or a quarter of those written, if more.
constexpr qsizetype MaxPruneAtOnce = 5;

// Skill names change rarely; with the revision a check costs a 304 and no body.
constexpr qint64 SkillNamesMaxAgeMs = 60 * 60 * 1000;

} // namespace

// Everything that belongs to one running cycle. `guard` is the context object of every
// callback the cycle starts: destroying the Cycle drops callbacks that arrive too late.
struct SyncEngine::Cycle
{
    QObject guard;
    CycleReport report;
    QElapsedTimer stepTimer;
    quint64 requestsAtStart = 0;
    ServiceEndpoints endpoints;
    bool reloggedIn = false;
    QStringList pruneQueue;
    QStringList writtenKeys;
};

QString engineStateName(EngineState state)
{
    switch (state) {
    case EngineState::Idle:
        return QStringLiteral("idle");
    case EngineState::Syncing:
        return QStringLiteral("syncing");
    case EngineState::WaitingToRetry:
        return QStringLiteral("waiting to retry");
    case EngineState::Error:
        return QStringLiteral("error");
    case EngineState::Paused:
        return QStringLiteral("paused");
    }
    return QString();
}

SyncEngine::SyncEngine(HttpService *http, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock)
    , m_domains(new DomainResolver(http, clock, this))
    , m_session(new LoginSession(http, clock, this))
    , m_shiftStatus(new ShiftStatusClient(http, this))
    , m_context(new ContextStoreClient(http, this))
    , m_skillsClient(new SkillsClient(http, this))
    , m_log(new ActivityLog(this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncEngine::onTimer);
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::setConfig(const ProfileConfig &config)
{
    const bool targetChanged = config.accountId != m_config.accountId || config.loginUrl != m_config.loginUrl
        || config.csdsUrl != m_config.csdsUrl;
    m_config = config;
    m_http->setTransferTimeoutMs(config.requestTimeoutSeconds * 1000);
    m_http->setHttp2Allowed(config.http2Allowed);

    if (targetChanged) {
        m_session->invalidate();
        m_domains->invalidate();
    }
}

void SyncEngine::setCredentials(const Credentials &credentials)
{
    credentials.registerSecrets();
    m_credentials = credentials;
    m_session->invalidate();
    m_halted = false;
}

void SyncEngine::clearCredentials()
{
    m_credentials = Credentials();
    m_session->invalidate();
}

bool SyncEngine::isStale() const
{
    if (!m_lastSuccessAt.isValid())
        return true;
    return m_lastSuccessAt.msecsTo(m_clock.nowUtc()) > 2 * qint64(m_config.intervalSeconds) * 1000;
}

void SyncEngine::start()
{
    m_paused = false;
    startCycle();
}

void SyncEngine::syncNow()
{
    m_halted = false;
    startCycle();
}

void SyncEngine::pause()
{
    m_paused = true;
    m_timer.stop();
    m_nextDue = QDateTime();
    if (!m_cycle)
        setState(EngineState::Paused);
    m_log->add(LogEntry::Level::Info, SyncStep::None, QStringLiteral("syncing paused"), m_clock.nowUtc());
}

void SyncEngine::resume()
{
    if (!m_paused)
        return;

    m_paused = false;
    m_log->add(LogEntry::Level::Info, SyncStep::None, QStringLiteral("syncing resumed"), m_clock.nowUtc());
    syncNow();
}

void SyncEngine::shutdown(std::function<void()> done)
{
    m_paused = true;
    m_timer.stop();
    m_nextDue = QDateTime();

    // Dropping the cycle deletes its guard, so none of its callbacks run, not even for the
    // aborts below; the engine is at rest rather than "syncing" forever.
    m_cycle.reset();
    m_step = SyncStep::None;
    m_http->abortAll();
    setState(EngineState::Paused);

    m_http->setTransferTimeoutMs(ShutdownTimeoutMs);

    m_session->logout(this, [done](const ApiError &) {
        if (done)
            done();
    });
}

void SyncEngine::startCycle()
{
    if (m_cycle) {
        qCDebug(lcSync) << "a cycle is already running; joining it";
        return;
    }

    // Nothing is scheduled while the cycle runs; its end re-arms the timer, or leaves it off
    // when the cycle halts, so nextSyncAt() never shows a time that will not come.
    m_timer.stop();
    m_nextDue = QDateTime();
    m_cycle = std::make_unique<Cycle>();
    m_cycle->report.startedAt = m_clock.nowUtc();
    m_cycle->report.contextNamespace = m_config.contextNamespace;
    m_cycle->requestsAtStart = m_http->requestsSent();
    setState(EngineState::Syncing);
    Q_EMIT cycleStarted();

    if (const QStringList problems = m_config.validate(); !problems.isEmpty()) {
        fail(ApiError::make(SyncStep::Configuration, ErrorKind::Configuration, problems.join(QStringLiteral("; "))));
        return;
    }
    if (!m_credentials.isComplete()) {
        fail(ApiError::make(SyncStep::Credentials,
            ErrorKind::Credentials,
            QStringLiteral("credentials for profile '%1' are missing or incomplete (%2)")
                .arg(m_config.profile, m_credentials.missingFields().join(QStringLiteral(", ")))));
        return;
    }

    resolveDomains();
}

void SyncEngine::resolveDomains()
{
    beginStep(SyncStep::Domains);
    m_domains->resolve(m_config, &m_cycle->guard, [this](const ApiError &error, const ServiceEndpoints &endpoints) {
        endStep();
        if (error.isError())
            return fail(error);

        m_cycle->endpoints = endpoints;
        m_endpoints = endpoints;
        ensureSession();
    });
}

void SyncEngine::ensureSession()
{
    beginStep(SyncStep::Login);
    m_session->ensure(m_cycle->endpoints.login,
        m_config.accountId,
        m_credentials,
        &m_cycle->guard,
        [this](const ApiError &error, bool loggedInNow) {
            endStep();
            if (error.isError())
                return fail(error);

            m_cycle->report.loggedIn = m_cycle->report.loggedIn || loggedInNow;
            fetchShiftStatus();
        });
}

void SyncEngine::fetchShiftStatus()
{
    beginStep(SyncStep::FetchShiftStatus);
    m_shiftStatus->fetch(m_cycle->endpoints.shiftStatus,
        m_config.accountId,
        m_session->authorizationHeader(),
        &m_cycle->guard,
        [this](const ApiError &error, const QJsonArray &entries) {
            endStep();
            onShiftStatus(error, entries);
        });
}

void SyncEngine::onShiftStatus(const ApiError &error, const QJsonArray &entries)
{
    // A session may expire on the server before sessionTTl says so: log in again once.
    if (error.kind == ErrorKind::Unauthorized && !m_cycle->reloggedIn) {
        m_cycle->reloggedIn = true;
        warn(QStringLiteral("shift status answered HTTP %1; logging in again").arg(error.httpStatus));
        m_session->invalidate();
        return ensureSession();
    }
    if (error.isError()) {
        ApiError failure = error;
        if (error.kind == ErrorKind::Unauthorized)
            failure.detail += QStringLiteral(" (token rejected after re-login)");
        return fail(failure);
    }

    beginStep(SyncStep::Shape);
    const ShapedShiftStatus shaped = ShiftShaper::shape(entries, m_clock.nowUtc(), {m_config.acceptLegacySkillField});
    endStep();
    for (const QString &line : shaped.skipped)
        warn(QStringLiteral("skipped a shift status entry: ") + line);
    for (const QString &id : shaped.duplicates)
        warn(QStringLiteral("skill %1 is listed more than once; the last entry is written").arg(id));
    m_cycle->report.skipped = static_cast<int>(shaped.skipped.size());

    if (entries.isEmpty() && !m_config.allowEmptyShiftStatus) {
        return fail(ApiError::make(SyncStep::Shape,
            ErrorKind::BadData,
            QStringLiteral("shift status returned no skills; nothing was written so bots keep the last data"),
            QStringLiteral("If the account really has no skills, allow empty shift status in the settings")));
    }
    if (!entries.isEmpty() && shaped.skills.isEmpty()) {
        return fail(ApiError::make(SyncStep::Shape,
            ErrorKind::BadData,
            QStringLiteral("none of the %1 shift status entries is usable; nothing was written").arg(entries.size())));
    }

    write(shaped);
}

void SyncEngine::write(const ShapedShiftStatus &shaped)
{
    const QByteArray body = QJsonDocument(shaped.document).toJson(QJsonDocument::Compact);
    if (body.size() > ContextStoreClient::DocumentLimit) {
        return fail(ApiError::make(SyncStep::Write,
            ErrorKind::TooLarge,
            QStringLiteral("the shaped document has %1 characters, over the store's %2 limit; nothing was written")
                .arg(body.size())
                .arg(ContextStoreClient::DocumentLimit),
            QStringLiteral("This account's shift status alone is too large for one context-store document, so a "
                           "fresh namespace would not help; bots keep the last data. Splitting skills across "
                           "namespaces is not supported yet")));
    }
    if (static_cast<double>(body.size()) > static_cast<double>(ContextStoreClient::DocumentLimit) * SizeWarningRatio)
        warn(QStringLiteral("the document has %1 characters, close to the store's %2 limit")
                 .arg(body.size())
                 .arg(ContextStoreClient::DocumentLimit));

    const ContextStoreClient::Target target {m_cycle->endpoints.context,
        m_config.accountId,
        m_config.contextNamespace,
        m_credentials.mavenApiKey.toUtf8()};
    beginStep(SyncStep::Write);
    m_context->patch(target, body, &m_cycle->guard, [this, shaped](const ApiError &error) {
        endStep();
        onWritten(error, shaped);
    });
}

void SyncEngine::onWritten(const ApiError &error, const ShapedShiftStatus &shaped)
{
    if (error.isError())
        return fail(error);

    m_skills = shaped.skills;
    m_cycle->report.timestamp = shaped.document.value(QLatin1String("timestamp")).toString();
    m_cycle->report.skills = static_cast<int>(shaped.skills.size());
    m_cycle->report.onShift = shaped.onShiftCount;
    Q_EMIT skillsChanged();

    QStringList keys;
    for (const SkillShift &skill : shaped.skills)
        keys << skill.id;
    m_cycle->writtenKeys = keys;
    noteVanished(rememberedKeys(writeTarget()), keys);

    if (!m_cycle->pruneQueue.isEmpty()) {
        beginStep(SyncStep::Prune);
        return pruneNext();
    }
    succeed();
}

void SyncEngine::noteVanished(const QStringList &previous, const QStringList &current)
{
    // PATCH never deletes: a skill that vanished keeps its last value under a fresh timestamp.
    const QSet<QString> now(current.cbegin(), current.cend());
    QStringList &vanished = m_cycle->report.vanished;
    for (const QString &key : previous) {
        if (!now.contains(key))
            vanished << key;
    }
    if (vanished.isEmpty())
        return;

    // A fetch that lost most skills at once looks like an upstream problem, not a change of
    // the account: deleting that many keys would take them from bots, so it needs a person.
    const qsizetype pruneLimit = std::max<qsizetype>(MaxPruneAtOnce, previous.size() / 4);
    if (m_config.pruneVanishedSkills && vanished.size() <= pruneLimit) {
        m_cycle->pruneQueue = vanished;
        return;
    }

    const QString why = m_config.pruneVanishedSkills
        ? QStringLiteral("not deleted: %1 of %2 at once is more than pruning removes in one cycle")
              .arg(vanished.size())
              .arg(previous.size())
        : QStringLiteral("turn on pruning to delete them");
    warn(QStringLiteral("skills %1 are no longer in shift status but keep their last value in the store (%2)")
             .arg(vanished.join(QStringLiteral(", ")), why));
    // Still in the store, so keep reporting them until they are pruned or deleted by hand.
    m_cycle->writtenKeys += vanished;
}

void SyncEngine::pruneNext()
{
    if (m_cycle->pruneQueue.isEmpty()) {
        endStep();
        return succeed();
    }

    const QString key = m_cycle->pruneQueue.takeFirst();
    const ContextStoreClient::Target target {m_cycle->endpoints.context,
        m_config.accountId,
        m_config.contextNamespace,
        m_credentials.mavenApiKey.toUtf8()};
    m_context->removeProperty(target, key, &m_cycle->guard, [this, key](const ApiError &error) {
        if (error.isError()) {
            // The fresh data is already written; a failed delete only leaves one stale key.
            warn(QStringLiteral("could not delete vanished skill %1: %2").arg(key, error.toString()));
            m_cycle->writtenKeys << key;
        }
        pruneNext();
    });
}

void SyncEngine::succeed()
{
    // The write succeeded: the cycle is good whatever happens to the optional names lookup.
    if (needsSkillNames())
        return fetchSkillNames();
    completeSuccess();
}

bool SyncEngine::needsSkillNames() const
{
    if (!m_fetchSkillNames || m_cycle->endpoints.skills.isEmpty())
        return false;
    if (!m_skillNamesCheckedAt.isValid() || m_skillNamesCheckedAt.msecsTo(m_clock.nowUtc()) > SkillNamesMaxAgeMs)
        return true;

    // A skill we have never seen, but only when the last lookup was not refused (403).
    return !m_skillsRevision.isEmpty()
        && std::any_of(m_skills.cbegin(), m_skills.cend(), [this](const SkillShift &skill) {
               return !m_skillNames.contains(skill.id);
           });
}

void SyncEngine::fetchSkillNames()
{
    beginStep(SyncStep::Skills);
    m_skillsClient->fetch(m_cycle->endpoints.skills,
        m_config.accountId,
        m_session->authorizationHeader(),
        m_skillsRevision,
        &m_cycle->guard,
        [this](const ApiError &error, const SkillsClient::Names &names) {
            endStep();
            m_skillNamesCheckedAt = m_clock.nowUtc();
            if (error.isError()) {
                // Names are a convenience: the table falls back to ids; try again in an hour.
                m_skillsRevision.clear();
                warn(QStringLiteral("skill names unavailable, showing ids: ") + error.toString());
            } else if (!names.notModified) {
                m_skillNames = names.byId;
                m_skillsRevision = names.revision.isEmpty() ? QByteArrayLiteral("-1") : names.revision;
                Q_EMIT skillNamesChanged();
            }
            completeSuccess();
        });
}

void SyncEngine::completeSuccess()
{
    CycleReport &report = m_cycle->report;
    report.ok = true;
    report.finishedAt = m_clock.nowUtc();
    m_lastSuccessAt = report.finishedAt;
    m_failuresInARow = 0;
    rememberKeys(writeTarget(), m_cycle->writtenKeys);

    m_log->add(LogEntry::Level::Info,
        SyncStep::Write,
        QStringLiteral("synced %1 skills (%2 on shift) to namespace %3 in %4 ms")
            .arg(report.skills)
            .arg(report.onShift)
            .arg(m_config.contextNamespace)
            .arg(report.durationMs()),
        report.finishedAt);

    if (!m_paused)
        scheduleIn(qint64(m_config.intervalSeconds) * 1000);
    finishCycle();
}

void SyncEngine::fail(const ApiError &error)
{
    CycleReport &report = m_cycle->report;
    report.ok = false;
    report.error = error;
    report.finishedAt = m_clock.nowUtc();
    ++m_failuresInARow;
    m_log->add(LogEntry::Level::Error, error.step, error.toString(), report.finishedAt);

    const RetryPolicy::Outcome outcome
        = RetryPolicy::afterFailure(error, m_failuresInARow, qint64(m_config.intervalSeconds) * 1000);
    m_halted = outcome.decision == RetryPolicy::Decision::Halt;
    if (m_halted) {
        m_log->add(LogEntry::Level::Warning,
            error.step,
            QStringLiteral("automatic syncing stopped until the problem is fixed; press Sync now to try again"),
            report.finishedAt);
    }
    if (!m_paused && !m_halted)
        scheduleIn(outcome.delayMs);
    finishCycle();
}

void SyncEngine::finishCycle()
{
    std::unique_ptr<Cycle> cycle = std::move(m_cycle);
    cycle->report.requests = m_http->requestsSent() - cycle->requestsAtStart;
    m_lastReport = cycle->report;
    m_step = SyncStep::None;

    if (m_paused)
        setState(EngineState::Paused);
    else if (m_lastReport.ok)
        setState(EngineState::Idle);
    else if (!m_halted
        && RetryPolicy::afterFailure(m_lastReport.error, m_failuresInARow, 0).decision
            == RetryPolicy::Decision::RetrySoon)
        setState(EngineState::WaitingToRetry);
    else
        setState(EngineState::Error);

    qCInfo(lcSync).noquote() << (m_lastReport.ok ? "cycle finished:" : "cycle failed:")
                             << QJsonDocument(m_lastReport.toJson()).toJson(QJsonDocument::Compact);
    Q_EMIT cycleFinished(m_lastReport);
}

void SyncEngine::beginStep(SyncStep step)
{
    m_step = step;
    m_cycle->stepTimer.start();
    Q_EMIT stepChanged(step);
}

void SyncEngine::endStep()
{
    m_cycle->report.steps.append(StepDuration {m_step, m_cycle->stepTimer.elapsed()});
}

void SyncEngine::warn(const QString &message)
{
    if (m_cycle)
        m_cycle->report.warnings << message;
    m_log->add(LogEntry::Level::Warning, m_step, message, m_clock.nowUtc());
}

void SyncEngine::setState(EngineState state)
{
    if (state == m_state)
        return;

    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncEngine::scheduleIn(qint64 ms)
{
    m_nextDue = m_clock.nowUtc().addMSecs(ms);
    m_timer.start(static_cast<int>(std::min(ms, MaxTimerSliceMs)));
}

void SyncEngine::onTimer()
{
    const qint64 remaining = m_clock.nowUtc().msecsTo(m_nextDue);
    if (remaining > 0) {
        m_timer.start(static_cast<int>(std::min(remaining, MaxTimerSliceMs)));
        return;
    }

    startCycle();
}

QString SyncEngine::writeTarget() const
{
    return m_config.accountId + QLatin1Char('@') + hostForPeople(m_cycle->endpoints.context) + QLatin1Char('/')
        + m_config.contextNamespace;
}

QStringList SyncEngine::rememberedKeys(const QString &target) const
{
    if (!m_stateStore)
        return m_writtenKeys.value(target);
    return ProfileSettings::lastWrittenSkills(*m_stateStore, target);
}

void SyncEngine::rememberKeys(const QString &target, const QStringList &keys)
{
    if (!m_stateStore) {
        m_writtenKeys.insert(target, keys);
        return;
    }
    ProfileSettings::setLastWrittenSkills(*m_stateStore, target, keys);
}
