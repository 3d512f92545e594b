#include "connectiontester.h"

#include "api/contextstoreclient.h"
#include "api/domainresolver.h"
#include "api/loginsession.h"
#include "api/shiftstatusclient.h"
#include "sync/shiftshaper.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QPointer>

// What one test needs. The clients and the session are children of `root`, which is also the
// context of every callback: dropping a run deletes `root` later (never inside one of its own
// callbacks), and callbacks that arrive after that are dropped by HttpService.
struct ConnectionTester::Run
{
    explicit Run(ConnectionTester *owner)
        : root(new QObject(owner))
    { }

    ~Run() { root->deleteLater(); }

    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;

    QObject *root;
    DomainResolver *domains = nullptr;
    LoginSession *session = nullptr;
    ShiftStatusClient *shiftStatus = nullptr;
    ContextStoreClient *context = nullptr;
    ProfileConfig config;
    Credentials credentials;
    ServiceEndpoints endpoints;
};

ConnectionTester::ConnectionTester(HttpService *http, QObject *parent)
    : ConnectionTester(http, Clock::system(), parent)
{ }

ConnectionTester::ConnectionTester(HttpService *http, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock)
{ }

ConnectionTester::~ConnectionTester()
{
    cancel();
}

QList<SyncStep> ConnectionTester::steps()
{
    return {SyncStep::Domains, SyncStep::Login, SyncStep::FetchShiftStatus, SyncStep::ReadBack};
}

void ConnectionTester::start(const ProfileConfig &config, const Credentials &credentials)
{
    cancel();

    // A fresh resolver and session: a cached answer or a live session from earlier values
    // would make the test pass for the wrong reasons.
    m_run = std::make_unique<Run>(this);
    m_run->domains = new DomainResolver(m_http, m_clock, m_run->root);
    m_run->session = new LoginSession(m_http, m_clock, m_run->root);
    m_run->shiftStatus = new ShiftStatusClient(m_http, m_run->root);
    m_run->context = new ContextStoreClient(m_http, m_run->root);
    m_run->config = config;
    m_run->credentials = credentials;
    credentials.registerSecrets();

    // Signals come from the event loop, so a caller can connect after start() returns.
    QMetaObject::invokeMethod(
        m_run->root,
        [this] { resolveDomains(); },
        Qt::QueuedConnection);
}

void ConnectionTester::cancel()
{
    if (!m_run)
        return;

    // Best effort: the session's logout call keeps running with us as its context.
    if (m_run->session->isValid())
        m_run->session->logout(this, [](const ApiError &) {});
    takeRun();
}

void ConnectionTester::resolveDomains()
{
    if (const QStringList problems = m_run->config.validate(); !problems.isEmpty())
        return fail(SyncStep::Configuration, problems.join(QStringLiteral("; ")));
    if (const QStringList missing = m_run->credentials.missingFields(); !missing.isEmpty())
        return fail(SyncStep::Credentials,
            QStringLiteral("the credentials are incomplete: %1 missing").arg(missing.join(QStringLiteral(", "))));

    Q_EMIT stepStarted(SyncStep::Domains);
    m_run->domains->resolve(m_run->config,
        m_run->root,
        [this](const ApiError &error, const ServiceEndpoints &endpoints) {
            if (error.isError())
                return fail(SyncStep::Domains, error.toString());

            m_run->endpoints = endpoints;
            pass(SyncStep::Domains,
                QStringLiteral("login at %1, shift status at %2, context store at %3")
                    .arg(endpoints.login.authority(),
                        endpoints.shiftStatus.authority(),
                        endpoints.context.authority()));
        });
}

void ConnectionTester::logIn()
{
    Q_EMIT stepStarted(SyncStep::Login);
    m_run->session->ensure(m_run->endpoints.login,
        m_run->config.accountId,
        m_run->credentials,
        m_run->root,
        [this](const ApiError &error, bool) {
            if (error.isError())
                return fail(SyncStep::Login, error.toString());

            pass(SyncStep::Login,
                QStringLiteral("logged in to account %1 as %2")
                    .arg(m_run->config.accountId, m_run->credentials.username));
        });
}

void ConnectionTester::fetchShiftStatus()
{
    Q_EMIT stepStarted(SyncStep::FetchShiftStatus);
    m_run->shiftStatus->fetch(m_run->endpoints.shiftStatus,
        m_run->config.accountId,
        m_run->session->authorizationHeader(),
        m_run->root,
        [this](const ApiError &error, const QJsonArray &entries) {
            if (error.isError())
                return fail(SyncStep::FetchShiftStatus, error.toString());

            // The same judgement a cycle makes, so "passed" means a sync would write.
            if (entries.isEmpty() && !m_run->config.allowEmptyShiftStatus) {
                return fail(SyncStep::FetchShiftStatus,
                    QStringLiteral("shift status lists no skills, so a sync would write nothing; if the account "
                                   "really has none, allow empty shift status in the settings"));
            }

            const ShapedShiftStatus shaped
                = ShiftShaper::shape(entries, m_clock.nowUtc(), {m_run->config.acceptLegacySkillField});
            if (!entries.isEmpty() && shaped.skills.isEmpty()) {
                return fail(SyncStep::FetchShiftStatus,
                    QStringLiteral("none of the %1 shift status entries has a usable skill id").arg(entries.size()));
            }

            pass(SyncStep::FetchShiftStatus,
                QStringLiteral("%1 skills, %2 on shift").arg(shaped.skills.size()).arg(shaped.onShiftCount));
        });
}

void ConnectionTester::readNamespace()
{
    Q_EMIT stepStarted(SyncStep::ReadBack);
    const ContextStoreClient::Target target {m_run->endpoints.context,
        m_run->config.accountId,
        m_run->config.contextNamespace,
        m_run->credentials.mavenApiKey.toUtf8()};

    // A GET proves the key without writing; a 404 comes after the key check, so it passes too.
    m_run->context->read(target, m_run->root, [this](const ApiError &error, const QJsonObject &properties) {
        const QString ns = m_run->config.contextNamespace;
        if (error.isError() && error.httpStatus == 404) {
            return pass(SyncStep::ReadBack,
                QStringLiteral("the API key was accepted; namespace '%1' holds nothing yet").arg(ns));
        }
        if (error.isError())
            return fail(SyncStep::ReadBack, error.toString());

        pass(SyncStep::ReadBack,
            QStringLiteral("the API key was accepted; namespace '%1' holds %2 keys").arg(ns).arg(properties.size()));
    });
}

void ConnectionTester::pass(SyncStep step, const QString &message)
{
    const Run *run = m_run.get();
    QPointer<ConnectionTester> alive(this);
    Q_EMIT stepFinished(step, true, message);
    if (!alive || m_run.get() != run)
        return; // a receiver cancelled or restarted the test

    switch (step) {
    case SyncStep::Domains:
        return logIn();
    case SyncStep::Login:
        return fetchShiftStatus();
    case SyncStep::FetchShiftStatus:
        return readNamespace();
    default:
        return logOutAndFinish(true);
    }
}

void ConnectionTester::fail(SyncStep step, const QString &message)
{
    qCInfo(lcSync).noquote() << "connection test failed at" << stepName(step) << ":" << message;

    const Run *run = m_run.get();
    QPointer<ConnectionTester> alive(this);
    Q_EMIT stepFinished(step, false, message);
    if (alive && m_run.get() == run)
        logOutAndFinish(false);
}

void ConnectionTester::logOutAndFinish(bool ok)
{
    const auto finish = [this, ok] {
        takeRun();
        Q_EMIT finished(ok);
    };

    if (!m_run->session->isValid())
        return finish();

    m_run->session->logout(m_run->root, [finish](const ApiError &error) {
        if (error.isError())
            qCInfo(lcSync).noquote() << "connection test: logout failed:" << error.toString();
        finish();
    });
}

std::unique_ptr<ConnectionTester::Run> ConnectionTester::takeRun()
{
    return std::move(m_run);
}
