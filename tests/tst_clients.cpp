// Each LivePerson client and the HTTP service against the simulator, over real loopback HTTP:
// what every client sends (checked on the simulator's request recorder) and how it judges
// what comes back (B13, B17, B18, B19, B20).

#include "api/contextstoreclient.h"
#include "api/domainresolver.h"
#include "api/loginsession.h"
#include "api/shiftstatusclient.h"
#include "simfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

Q_DECLARE_METATYPE(ErrorKind)
Q_DECLARE_METATYPE(LoginForm)
Q_DECLARE_METATYPE(Fault)

namespace {

constexpr int CallTimeoutMs = 5000;

// A QNetworkAccessManager that counts what reaches it, to prove that a refused call never
// got as far as the network stack.
class CountingNetworkAccessManager : public QNetworkAccessManager
{
public:
    int created = 0;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        ++created;
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

// A loopback server that answers every request with a redirect to `location`: the
// simulator has no way to send a Location header, and a redirect is all this test needs.
class RedirectServer : public QObject
{
public:
    explicit RedirectServer(const QUrl &location)
        : m_location(location)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }

    bool start() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/moved").arg(m_server.serverPort())); }
    int answered = 0;

private:
    void accept()
    {
        QTcpSocket *socket = m_server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (!socket->peek(socket->bytesAvailable()).contains("\r\n\r\n"))
                return;
            socket->readAll();
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + m_location.toEncoded()
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            ++answered;
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer m_server;
    QUrl m_location;
};

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestClients : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // DomainResolver
    void domainsFromServiceList();
    void shiftStatusServiceFallback_data();
    void shiftStatusServiceFallback();
    void domainCacheLifetime();
    void zoneForHost_data();
    void zoneForHost();
    void contextRegion_data();
    void contextRegion();
    void domainLookupFailure();

    // LoginSession
    void loginBodyForEachForm_data();
    void loginBodyForEachForm();
    void badCredentials();
    void loginWithoutBearer_data();
    void loginWithoutBearer();
    void sessionIsReused();
    void sessionExpiresBeforeTtl();
    void logoutSendsCsrfAndCookie();
    void logoutWithoutSessionSendsNothing();

    // ShiftStatusClient
    void fetchShiftStatus();
    void fetchWithRejectedBearer();
    void unusableShiftStatusAnswers_data();
    void unusableShiftStatusAnswers();

    // ContextStoreClient
    void patchReadRoundTripKeepsBigNumbers();
    void patchAcceptsCasBody();
    void patchWithWrongKey();
    void patchReservedNamespace();
    void patchTooLarge();
    void deleteProperty();

    // HttpService
    void userAgentOnEveryRequest();
    void patchCarriesJsonBody();
    void plainHttpToRemoteHostIsRefused_data();
    void plainHttpToRemoteHostIsRefused();
    void redirectsAreNotFollowed();
    void transportFailures_data();
    void transportFailures();

private:
    std::optional<ApiError>
    ensureSession(LoginSession &session, const Credentials &credentials, bool *loggedIn = nullptr);
    std::optional<ServiceEndpoints> resolve(DomainResolver &resolver, const ProfileConfig &config, ApiError *error);
    std::optional<HttpResult> send(HttpService &http, const HttpCall &call);
    std::optional<ApiError> fetch(const QByteArray &authorization, QJsonArray *entries = nullptr);
    std::optional<ApiError> patch(const ContextStoreClient::Target &target, const QByteArray &body);
    ContextStoreClient::Target target(const QString &contextNamespace = QStringLiteral("shift-status-api")) const;

    std::unique_ptr<SimFixture> m_sim;
};

void TestClients::init()
{
    m_sim = std::make_unique<SimFixture>();
    QVERIFY(m_sim->start());
}

void TestClients::cleanup()
{
    // Replies are freed on every path (B12): whatever the test did, none may be left.
    QCOMPARE(m_sim->http.repliesInFlight(), 0);
    QTRY_COMPARE(m_sim->liveReplies(), 0);
    m_sim.reset();
}

std::optional<ApiError>
TestClients::ensureSession(LoginSession &session, const Credentials &credentials, bool *loggedIn)
{
    // The context dies with this function, so a callback after a timeout is dropped safely.
    QObject context;
    std::optional<ApiError> outcome;
    session.ensure(m_sim->baseUrl(),
        m_sim->account().accountId,
        credentials,
        &context,
        [&](const ApiError &error, bool now) {
            outcome = error;
            if (loggedIn)
                *loggedIn = now;
        });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, CallTimeoutMs))
        return std::nullopt;
    return outcome;
}

std::optional<ServiceEndpoints>
TestClients::resolve(DomainResolver &resolver, const ProfileConfig &config, ApiError *error)
{
    QObject context;
    bool done = false;
    ServiceEndpoints result;
    resolver.resolve(config, &context, [&](const ApiError &e, const ServiceEndpoints &endpoints) {
        done = true;
        *error = e;
        result = endpoints;
    });
    if (!QTest::qWaitFor([&] { return done; }, CallTimeoutMs))
        return std::nullopt;
    return result;
}

std::optional<HttpResult> TestClients::send(HttpService &http, const HttpCall &call)
{
    QObject context;
    std::optional<HttpResult> outcome;
    http.send(call, &context, [&](const HttpResult &result) { outcome = result; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, CallTimeoutMs))
        return std::nullopt;
    return outcome;
}

// Fetches the shift status with a ShiftStatusClient; what arrives goes to *entries when given.
std::optional<ApiError> TestClients::fetch(const QByteArray &authorization, QJsonArray *entries)
{
    ShiftStatusClient client(&m_sim->http);
    QObject context;
    std::optional<ApiError> outcome;
    client.fetch(m_sim->baseUrl(),
        m_sim->account().accountId,
        authorization,
        &context,
        [&](const ApiError &error, const QJsonArray &received) {
            outcome = error;
            if (entries)
                *entries = received;
        });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, CallTimeoutMs))
        return std::nullopt;
    return outcome;
}

std::optional<ApiError> TestClients::patch(const ContextStoreClient::Target &target, const QByteArray &body)
{
    ContextStoreClient client(&m_sim->http);
    QObject context;
    std::optional<ApiError> outcome;
    client.patch(target, body, &context, [&](const ApiError &error) { outcome = error; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, CallTimeoutMs))
        return std::nullopt;
    return outcome;
}

ContextStoreClient::Target TestClients::target(const QString &contextNamespace) const
{
    return {m_sim->baseUrl(), m_sim->account().accountId, contextNamespace, m_sim->account().mavenApiKey.toUtf8()};
}

// --- DomainResolver -----------------------------------------------------------------------

void TestClients::domainsFromServiceList()
{
    DomainResolver resolver(&m_sim->http, m_sim->clock);
    ApiError error;
    const std::optional<ServiceEndpoints> endpoints = resolve(resolver, m_sim->config(), &error);

    QVERIFY(endpoints);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    const QUrl base = m_sim->baseUrl();
    QCOMPARE(endpoints->login, base);
    QCOMPARE(endpoints->shiftStatus, base);
    QCOMPARE(endpoints->skills, base);
    QCOMPARE(endpoints->context, base);
    QVERIFY(endpoints->zone.isEmpty());

    // One call in the documented list form.
    const QList<RecordedRequest> calls = m_sim->simulator.requests(Endpoint::Csds);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().method, QByteArray("GET"));
    QCOMPARE(calls.first().path,
        QStringLiteral("/api/account/%1/service/baseURI.json").arg(m_sim->account().accountId));
    QCOMPARE(calls.first().query, QStringLiteral("version=1.0"));
    QCOMPARE(calls.first().status, 200);
}

void TestClients::shiftStatusServiceFallback_data()
{
    QTest::addColumn<bool>("listed");
    QTest::addColumn<QStringList>("services");
    QTest::addColumn<bool>("resolves");

    const QStringList both {QStringLiteral("shiftstatus"), QStringLiteral("asyncMessagingEnt")};
    QTest::newRow("shiftstatus listed") << true << both << true;
    QTest::newRow("shiftstatus not listed, falls back to asyncMessagingEnt") << false << both << true;
    QTest::newRow("shiftstatus not listed and no fallback configured")
        << false << QStringList {QStringLiteral("shiftstatus")} << false;
}

void TestClients::shiftStatusServiceFallback()
{
    QFETCH(bool, listed);
    QFETCH(QStringList, services);
    QFETCH(bool, resolves);

    m_sim->simulator.setShiftStatusServiceListed(listed);
    ProfileConfig config = m_sim->config();
    config.shiftStatusServices = services;

    DomainResolver resolver(&m_sim->http, m_sim->clock);
    ApiError error;
    const std::optional<ServiceEndpoints> endpoints = resolve(resolver, config, &error);
    QVERIFY(endpoints);

    QCOMPARE(!error.isError(), resolves);
    if (resolves) {
        QCOMPARE(endpoints->shiftStatus, m_sim->baseUrl());
        return;
    }
    QCOMPARE(error.step, SyncStep::Domains);
    QCOMPARE(error.kind, ErrorKind::Configuration);
    QVERIFY2(error.toString().contains(QLatin1String("shiftstatus")), qPrintable(error.toString()));
    QVERIFY2(error.toString().contains(m_sim->host()), qPrintable(error.toString()));
}

void TestClients::domainCacheLifetime()
{
    DomainResolver resolver(&m_sim->http, m_sim->clock);
    ApiError error;
    const auto csdsCalls = [this] {
        return m_sim->simulator.requestCount(Endpoint::Csds);
    };

    QVERIFY(resolve(resolver, m_sim->config(), &error));
    QCOMPARE(csdsCalls(), 1);

    QVERIFY(resolve(resolver, m_sim->config(), &error));
    QCOMPARE(csdsCalls(), 1);

    m_sim->clock.advance(DomainResolver::CacheLifetimeMs - 1);
    QVERIFY(resolve(resolver, m_sim->config(), &error));
    QCOMPARE(csdsCalls(), 1);

    m_sim->clock.advance(1);
    QVERIFY(resolve(resolver, m_sim->config(), &error));
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(csdsCalls(), 2);
}

void TestClients::zoneForHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("zone");

    QTest::newRow("va is z1 (Americas)") << QStringLiteral("va.agentvep.liveperson.net") << QStringLiteral("z1");
    QTest::newRow("lo is z2 (EMEA)") << QStringLiteral("lo.agentvep.liveperson.net") << QStringLiteral("z2");
    QTest::newRow("sy is z3 (APAC)") << QStringLiteral("sy.agentvep.liveperson.net") << QStringLiteral("z3");
    QTest::newRow("label in upper case") << QStringLiteral("LO.ac.liveperson.net") << QStringLiteral("z2");
    QTest::newRow("unknown label") << QStringLiteral("fr.agentvep.liveperson.net") << QString();
    QTest::newRow("label only as a later part") << QStringLiteral("x.va.liveperson.net") << QString();
    QTest::newRow("loopback address") << QStringLiteral("127.0.0.1") << QString();
}

void TestClients::zoneForHost()
{
    QFETCH(QString, host);
    QFETCH(QString, zone);
    QCOMPARE(DomainResolver::zoneForHost(host), zone);
}

void TestClients::contextRegion_data()
{
    QTest::addColumn<QString>("loginUrl");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("context"); // empty: resolving fails

    QTest::newRow("guessed from a va login host") << QStringLiteral("https://va.agentvep.liveperson.net") << QString()
                                                  << QStringLiteral("https://z1.context.liveperson.net");
    QTest::newRow("guessed from an sy login host") << QStringLiteral("https://sy.agentvep.liveperson.net") << QString()
                                                   << QStringLiteral("https://z3.context.liveperson.net");
    QTest::newRow("explicit region wins over the host")
        << QStringLiteral("https://va.agentvep.liveperson.net") << QStringLiteral("z2")
        << QStringLiteral("https://z2.context.liveperson.net");
    QTest::newRow("unknown host and no region") << QStringLiteral("http://127.0.0.1:1") << QString() << QString();
}

void TestClients::contextRegion()
{
    QFETCH(QString, loginUrl);
    QFETCH(QString, region);
    QFETCH(QString, context);

    // Login and shift status are overridden; the context host comes from the region, or is
    // guessed from the login host.
    ProfileConfig config = m_sim->config();
    config.loginUrl = QUrl(loginUrl);
    config.shiftStatusUrl = QUrl(loginUrl);
    config.contextUrl = QUrl();
    config.region = region;

    DomainResolver resolver(&m_sim->http, m_sim->clock);
    ApiError error;
    const std::optional<ServiceEndpoints> endpoints = resolve(resolver, config, &error);
    QVERIFY(endpoints);

    if (context.isEmpty()) {
        QCOMPARE(error.kind, ErrorKind::Configuration);
        QVERIFY2(error.toString().contains(QLatin1String("region")), qPrintable(error.toString()));
        return;
    }
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(endpoints->context, QUrl(context));
}

void TestClients::domainLookupFailure()
{
    m_sim->simulator.setFault(Endpoint::Csds, Fault::withStatus(503));

    DomainResolver resolver(&m_sim->http, m_sim->clock);
    ApiError error;
    QVERIFY(resolve(resolver, m_sim->config(), &error));

    QCOMPARE(error.step, SyncStep::Domains);
    QCOMPARE(error.kind, ErrorKind::Server);
    QCOMPARE(error.httpStatus, 503);
    QCOMPARE(error.host, m_sim->host());
}

// --- LoginSession -------------------------------------------------------------------------

void TestClients::loginBodyForEachForm_data()
{
    QTest::addColumn<LoginForm>("form");
    QTest::addColumn<QString>("accessToken");
    QTest::addColumn<QString>("accessTokenSecret");

    const SimulatorAccount account;
    QTest::newRow("OAuth 2.0 client credentials send placeholders")
        << LoginForm::OAuth2ClientCredentials << QStringLiteral("dummy") << QStringLiteral("dummy");
    QTest::newRow("legacy API key sends all four values")
        << LoginForm::LegacyApiKey << account.legacyAccessToken << account.legacyAccessTokenSecret;
}

void TestClients::loginBodyForEachForm()
{
    QFETCH(LoginForm, form);
    QFETCH(QString, accessToken);
    QFETCH(QString, accessTokenSecret);

    const Credentials credentials = m_sim->credentials(form);
    LoginSession session(&m_sim->http, m_sim->clock);
    bool loggedIn = false;
    const std::optional<ApiError> error = ensureSession(session, credentials, &loggedIn);

    QVERIFY(error);
    QVERIFY2(!error->isError(), qPrintable(error->toString()));
    QVERIFY(loggedIn);
    QVERIFY(session.isValid());
    QVERIFY(session.authorizationHeader().startsWith("Bearer "));
    QVERIFY(session.authorizationHeader().size() > 7);

    const QList<RecordedRequest> logins = m_sim->simulator.requests(Endpoint::Login);
    QCOMPARE(logins.size(), 1);
    const RecordedRequest &login = logins.first();
    QCOMPARE(login.method, QByteArray("POST"));
    QCOMPARE(login.path, QStringLiteral("/api/account/%1/login").arg(m_sim->account().accountId));
    QCOMPARE(login.query, QStringLiteral("v=1.3"));
    QVERIFY(login.header("Content-Type").startsWith("application/json"));
    QCOMPARE(login.status, 200);

    const QJsonObject expected {
        {QStringLiteral("username"), credentials.username},
        {QStringLiteral("appKey"), credentials.appKey},
        {QStringLiteral("secret"), credentials.secret},
        {QStringLiteral("accessToken"), accessToken},
        {QStringLiteral("accessTokenSecret"), accessTokenSecret},
    };
    QCOMPARE(parseObject(login.body), expected);
}

void TestClients::badCredentials()
{
    Credentials credentials = m_sim->credentials();
    credentials.secret = QStringLiteral("not-the-secret");
    LoginSession session(&m_sim->http, m_sim->clock);
    const std::optional<ApiError> error = ensureSession(session, credentials);

    QVERIFY(error);
    QCOMPARE(error->step, SyncStep::Login);
    QCOMPARE(error->kind, ErrorKind::Unauthorized);
    QCOMPARE(error->httpStatus, 401);
    QCOMPARE(error->host, m_sim->host());

    const QString text = error->toString();
    QVERIFY2(text.contains(m_sim->host()), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("HTTP 401")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Check the bot's username")), qPrintable(text));
    QVERIFY(!session.isValid());
    QVERIFY(session.authorizationHeader().isEmpty());
}

void TestClients::loginWithoutBearer_data()
{
    QTest::addColumn<Fault>("fault");

    QTest::newRow("no bearer field") << Fault::ofKind(Fault::Kind::NoBearer);
    QTest::newRow("bearer is null") << Fault::ofKind(Fault::Kind::NullBearer);
}

void TestClients::loginWithoutBearer()
{
    QFETCH(Fault, fault);

    m_sim->simulator.setFault(Endpoint::Login, fault);
    LoginSession session(&m_sim->http, m_sim->clock);
    bool loggedIn = true;
    const std::optional<ApiError> error = ensureSession(session, m_sim->credentials(), &loggedIn);

    QVERIFY(error);
    QCOMPARE(error->step, SyncStep::Login);
    QCOMPARE(error->kind, ErrorKind::BadData);
    QCOMPARE(error->httpStatus, 200);
    QVERIFY2(error->toString().contains(QLatin1String("no bearer")), qPrintable(error->toString()));
    QVERIFY(!loggedIn);
    QVERIFY(!session.isValid());
    QVERIFY(session.authorizationHeader().isEmpty());
}

void TestClients::sessionIsReused()
{
    LoginSession session(&m_sim->http, m_sim->clock);
    bool loggedIn = false;
    QVERIFY(ensureSession(session, m_sim->credentials(), &loggedIn));
    QVERIFY(loggedIn);
    const QByteArray header = session.authorizationHeader();

    const std::optional<ApiError> again = ensureSession(session, m_sim->credentials(), &loggedIn);
    QVERIFY(again);
    QVERIFY(!again->isError());
    QVERIFY(!loggedIn);
    QCOMPARE(session.authorizationHeader(), header);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
}

void TestClients::sessionExpiresBeforeTtl()
{
    LoginSession session(&m_sim->http, m_sim->clock);
    const QDateTime loginTime = m_sim->clock.nowUtc();
    QVERIFY(ensureSession(session, m_sim->credentials()));

    // The simulator's sessionTTl, minus the margin, is how long the session is used.
    const qint64 usableMs = m_sim->account().sessionTtlMs - LoginSession::ExpiryMarginMs;
    QCOMPARE(session.expiresAt(), loginTime.addMSecs(usableMs));

    bool loggedIn = true;
    m_sim->clock.advance(usableMs - 1);
    QVERIFY(ensureSession(session, m_sim->credentials(), &loggedIn));
    QVERIFY(!loggedIn);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);

    m_sim->clock.advance(1);
    QVERIFY(!session.isValid());
    const std::optional<ApiError> error = ensureSession(session, m_sim->credentials(), &loggedIn);
    QVERIFY(error);
    QVERIFY(!error->isError());
    QVERIFY(loggedIn);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 2);

    // The fresh login carries no cookie from the old session: nothing rides along by itself.
    const RecordedRequest relogin = m_sim->simulator.requests(Endpoint::Login).last();
    QVERIFY2(relogin.header("Cookie").isEmpty(), relogin.header("Cookie").constData());
}

void TestClients::logoutSendsCsrfAndCookie()
{
    LoginSession session(&m_sim->http, m_sim->clock);
    QVERIFY(ensureSession(session, m_sim->credentials()));
    QCOMPARE(m_sim->simulator.activeSessionCount(), 1);

    QObject context;
    std::optional<ApiError> outcome;
    session.logout(&context, [&](const ApiError &error) { outcome = error; });
    QVERIFY(!session.isValid()); // forgotten at once, whatever the server says
    QTRY_VERIFY(outcome.has_value());
    QVERIFY2(!outcome->isError(), qPrintable(outcome->toString()));

    const QList<RecordedRequest> logouts = m_sim->simulator.requests(Endpoint::Logout);
    QCOMPARE(logouts.size(), 1);
    const RecordedRequest &logout = logouts.first();
    QCOMPARE(logout.method, QByteArray("POST"));
    QVERIFY(logout.header("Cookie").startsWith("Session_id="));
    QVERIFY(!parseObject(logout.body).value(QLatin1String("csrf")).toString().isEmpty());
    // The simulator checks the cookie and the csrf against the session: 200 means both matched.
    QCOMPARE(logout.status, 200);
    QCOMPARE(m_sim->simulator.activeSessionCount(), 0);
}

void TestClients::logoutWithoutSessionSendsNothing()
{
    LoginSession session(&m_sim->http, m_sim->clock);
    QObject context;
    std::optional<ApiError> outcome;
    session.logout(&context, [&](const ApiError &error) { outcome = error; });

    QVERIFY(outcome.has_value());
    QVERIFY(!outcome->isError());
    QCOMPARE(m_sim->http.requestsSent(), quint64(0));
}

// --- ShiftStatusClient --------------------------------------------------------------------

void TestClients::fetchShiftStatus()
{
    LoginSession session(&m_sim->http, m_sim->clock);
    QVERIFY(ensureSession(session, m_sim->credentials()));

    QJsonArray entries;
    const std::optional<ApiError> outcome = fetch(session.authorizationHeader(), &entries);
    QVERIFY(outcome.has_value());

    QVERIFY2(!outcome->isError(), qPrintable(outcome->toString()));
    QCOMPARE(entries.size(), m_sim->account().skillCount);
    QCOMPARE(entries, m_sim->simulator.shiftStatus());

    const QList<RecordedRequest> fetches = m_sim->simulator.requests(Endpoint::ShiftStatus);
    QCOMPARE(fetches.size(), 1);
    QCOMPARE(fetches.first().method, QByteArray("GET"));
    QCOMPARE(fetches.first().path, QStringLiteral("/api/account/%1/shift-status").arg(m_sim->account().accountId));
    QCOMPARE(fetches.first().header("Authorization"), session.authorizationHeader());
}

void TestClients::fetchWithRejectedBearer()
{
    const std::optional<ApiError> outcome = fetch(QByteArrayLiteral("Bearer 0000000000000000"));
    QVERIFY(outcome.has_value());

    QCOMPARE(outcome->step, SyncStep::FetchShiftStatus);
    QCOMPARE(outcome->kind, ErrorKind::Unauthorized);
    QCOMPARE(outcome->httpStatus, 401);
    QCOMPARE(outcome->host, m_sim->host());
}

void TestClients::unusableShiftStatusAnswers_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");

    Fault html200 = Fault::ofKind(Fault::Kind::HtmlPage);
    html200.status = 200;

    QTest::newRow("502 HTML page from a gateway")
        << Fault::ofKind(Fault::Kind::HtmlPage) << ErrorKind::Server << 502 << QStringLiteral("text/html");
    QTest::newRow("200 HTML captive portal page")
        << html200 << ErrorKind::BadData << 200 << QStringLiteral("content type 'text/html'");
    QTest::newRow("200 with an empty body")
        << Fault::ofKind(Fault::Kind::EmptyBody) << ErrorKind::BadData << 200 << QStringLiteral("empty body");
    QTest::newRow("200 with truncated JSON")
        << Fault::ofKind(Fault::Kind::TruncatedJson) << ErrorKind::BadData << 200 << QStringLiteral("invalid JSON");
    QTest::newRow("200 with an object where an array belongs")
        << Fault::ofKind(Fault::Kind::WrongType) << ErrorKind::BadData << 200 << QStringLiteral("JSON array");
    QTest::newRow("500 JSON error") << Fault::withStatus(500) << ErrorKind::Server << 500
                                    << QStringLiteral("Internal Server Error");
    QTest::newRow("429 throttled") << Fault::withStatus(429, 3) << ErrorKind::Throttled << 429
                                   << QStringLiteral("Too Many Requests");
    QTest::newRow("410 retired API") << Fault::withStatus(410) << ErrorKind::Retired << 410 << QStringLiteral("Gone");
}

void TestClients::unusableShiftStatusAnswers()
{
    QFETCH(Fault, fault);
    QFETCH(ErrorKind, kind);
    QFETCH(int, status);
    QFETCH(QString, detail);

    LoginSession session(&m_sim->http, m_sim->clock);
    QVERIFY(ensureSession(session, m_sim->credentials()));
    m_sim->simulator.setFault(Endpoint::ShiftStatus, fault);

    QJsonArray entries {1};
    const std::optional<ApiError> outcome = fetch(session.authorizationHeader(), &entries);
    QVERIFY(outcome.has_value());

    QCOMPARE(outcome->step, SyncStep::FetchShiftStatus);
    QCOMPARE(outcome->kind, kind);
    QCOMPARE(outcome->httpStatus, status);
    QVERIFY2(outcome->detail.contains(detail), qPrintable(outcome->toString()));
    QVERIFY(entries.isEmpty());
    if (fault.retryAfterSeconds >= 0)
        QCOMPARE(outcome->retryAfterSeconds, fault.retryAfterSeconds);
}

// --- ContextStoreClient -------------------------------------------------------------------

void TestClients::patchReadRoundTripKeepsBigNumbers()
{
    // Members as the shaping step writes them, with ids and times far above 2^31.
    const QList<QByteArray> members {
        R"("timestamp":"2026-03-02T09:00:00.000Z")",
        R"("4300000001":{"skillId":4300000001,"onShift":true,"nextOn":1535979600000,"nextOff":null})",
        R"("9007199254740991":{"skillId":9007199254740991,"onShift":false,"nextOff":1772442000123})",
        R"("326244912":{"skillId":326244912,"onShift":true})",
    };
    const QByteArray body = '{' + members.join(',') + '}';
    const std::optional<ApiError> error = patch(target(), body);
    QVERIFY(error);
    QVERIFY2(!error->isError(), qPrintable(error->toString()));

    // Byte for byte in the store, as bots will read it.
    const QByteArray stored = m_sim->simulator.contextPropertiesJson(QStringLiteral("shift-status-api"));
    for (const QByteArray &member : members)
        QVERIFY2(stored.contains(member), stored.constData());

    ContextStoreClient client(&m_sim->http);
    QObject context;
    std::optional<ApiError> readError;
    QJsonObject read;
    client.read(target(), &context, [&](const ApiError &e, const QJsonObject &properties) {
        readError = e;
        read = properties;
    });
    QTRY_VERIFY(readError.has_value());
    QVERIFY2(!readError->isError(), qPrintable(readError->toString()));
    QCOMPARE(read, parseObject(body));
    QCOMPARE(read.value(QLatin1String("4300000001")).toObject().value(QLatin1String("skillId")).toInteger(),
        Q_INT64_C(4300000001));
    QCOMPARE(read.value(QLatin1String("9007199254740991")).toObject().value(QLatin1String("skillId")).toInteger(),
        Q_INT64_C(9007199254740991));
    QVERIFY(read.value(QLatin1String("4300000001")).toObject().value(QLatin1String("nextOff")).isNull());
}

void TestClients::patchAcceptsCasBody()
{
    m_sim->simulator.setFault(Endpoint::ContextWrite, Fault::ofKind(Fault::Kind::CasBody));
    const std::optional<ApiError> error = patch(target(), R"({"1":{"skillId":1,"onShift":true}})");

    QVERIFY(error);
    QVERIFY2(!error->isError(), qPrintable(error->toString()));
    const QList<RecordedRequest> writes = m_sim->simulator.requests(Endpoint::ContextWrite);
    QCOMPARE(writes.size(), 1);
    QCOMPARE(writes.first().status, 200);
    QVERIFY(m_sim->simulator.contextProperties(QStringLiteral("shift-status-api")).contains(QLatin1String("1")));
}

void TestClients::patchWithWrongKey()
{
    ContextStoreClient::Target wrong = target();
    wrong.apiKey = "not-the-maven-key";
    const std::optional<ApiError> error = patch(wrong, R"({"1":{"skillId":1}})");

    QVERIFY(error);
    QCOMPARE(error->step, SyncStep::Write);
    QCOMPARE(error->kind, ErrorKind::Unauthorized);
    QCOMPARE(error->httpStatus, 403);
    QCOMPARE(error->host, m_sim->host());
    QVERIFY2(error->toString().contains(QLatin1String("maven-api-key")), qPrintable(error->toString()));
    QVERIFY(m_sim->simulator.contextNamespaces().isEmpty());
}

void TestClients::patchReservedNamespace()
{
    const std::optional<ApiError> error = patch(target(QStringLiteral("conversation")), R"({"1":{"skillId":1}})");

    QVERIFY(error);
    QCOMPARE(error->step, SyncStep::Write);
    QCOMPARE(error->kind, ErrorKind::Rejected);
    QCOMPARE(error->httpStatus, 400);
    QVERIFY2(error->toString().contains(QLatin1String("reserved")), qPrintable(error->toString()));
    QVERIFY(m_sim->simulator.contextNamespaces().isEmpty());
}

void TestClients::patchTooLarge()
{
    m_sim->simulator.setContextDocumentLimit(64);
    const QByteArray body = R"({"1":{"skillId":1,"name":")" + QByteArray(100, 'x') + R"("}})";
    const std::optional<ApiError> error = patch(target(), body);

    QVERIFY(error);
    QCOMPARE(error->step, SyncStep::Write);
    QCOMPARE(error->kind, ErrorKind::TooLarge);
    QCOMPARE(error->httpStatus, 413);
    QVERIFY2(error->toString().contains(QLatin1String("800,000")), qPrintable(error->toString()));
}

void TestClients::deleteProperty()
{
    QVERIFY(patch(target(), R"({"1":{"skillId":1},"2":{"skillId":2}})"));

    ContextStoreClient client(&m_sim->http);
    QObject context;
    std::optional<ApiError> outcome;
    client.removeProperty(target(), QStringLiteral("2"), &context, [&](const ApiError &error) { outcome = error; });
    QTRY_VERIFY(outcome.has_value());
    QVERIFY2(!outcome->isError(), qPrintable(outcome->toString()));

    const QList<RecordedRequest> deletes = m_sim->simulator.requests(Endpoint::ContextDelete);
    QCOMPARE(deletes.size(), 1);
    QCOMPARE(deletes.first().method, QByteArray("DELETE"));
    QCOMPARE(deletes.first().path,
        QStringLiteral("/v1/account/%1/shift-status-api/properties/2").arg(m_sim->account().accountId));
    QCOMPARE(deletes.first().header("maven-api-key"), m_sim->account().mavenApiKey.toUtf8());

    const QJsonObject stored = m_sim->simulator.contextProperties(QStringLiteral("shift-status-api"));
    QVERIFY(stored.contains(QLatin1String("1")));
    QVERIFY(!stored.contains(QLatin1String("2")));
}

// --- HttpService --------------------------------------------------------------------------

void TestClients::userAgentOnEveryRequest()
{
    // One of every kind of call the product makes.
    DomainResolver resolver(&m_sim->http, m_sim->clock);
    ApiError error;
    QVERIFY(resolve(resolver, m_sim->config(), &error));

    LoginSession session(&m_sim->http, m_sim->clock);
    QVERIFY(ensureSession(session, m_sim->credentials()));

    ShiftStatusClient shiftStatus(&m_sim->http);
    ContextStoreClient context(&m_sim->http);
    QObject guard;
    int done = 0;
    shiftStatus.fetch(m_sim->baseUrl(),
        m_sim->account().accountId,
        session.authorizationHeader(),
        &guard,
        [&](const ApiError &, const QJsonArray &) { ++done; });
    context.patch(target(), R"({"1":{"skillId":1}})", &guard, [&](const ApiError &) { ++done; });
    QTRY_COMPARE(done, 2);
    context.read(target(), &guard, [&](const ApiError &, const QJsonObject &) { ++done; });
    context.removeProperty(target(), QStringLiteral("1"), &guard, [&](const ApiError &) { ++done; });
    session.logout(&guard, [&](const ApiError &) { ++done; });
    QTRY_COMPARE(done, 5);

    const QList<RecordedRequest> requests = m_sim->simulator.requests();
    QCOMPARE(requests.size(), 7);
    QVERIFY(HttpService::userAgent().startsWith("ShiftSync/"));
    for (const RecordedRequest &request : requests) {
        QVERIFY2(request.header("User-Agent") == HttpService::userAgent(),
            qPrintable(endpointName(request.endpoint) + QStringLiteral(": ")
                + QString::fromLatin1(request.header("User-Agent"))));
    }
}

void TestClients::patchCarriesJsonBody()
{
    const QByteArray body = R"({"timestamp":"2026-03-02T09:00:00.000Z","7":{"skillId":7,"onShift":true}})";
    QVERIFY(patch(target(), body));

    const QList<RecordedRequest> writes = m_sim->simulator.requests(Endpoint::ContextWrite);
    QCOMPARE(writes.size(), 1);
    const RecordedRequest &write = writes.first();
    QCOMPARE(write.method, QByteArray("PATCH"));
    QCOMPARE(write.path, QStringLiteral("/v1/account/%1/shift-status-api/properties").arg(m_sim->account().accountId));
    QVERIFY(write.header("Content-Type").startsWith("application/json"));
    QCOMPARE(write.header("Content-Length"), QByteArray::number(body.size()));
    QVERIFY(!write.body.isEmpty());
    QCOMPARE(write.body, body);
    QCOMPARE(write.header("maven-api-key"), m_sim->account().mavenApiKey.toUtf8());
    QCOMPARE(write.status, 204);
}

void TestClients::plainHttpToRemoteHostIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("refused");

    // .invalid never resolves, so even a regression here could not reach another machine.
    QTest::newRow("plain http to a remote host") << QStringLiteral("http://shiftsync.invalid/api") << true;
    QTest::newRow("ftp to a remote host") << QStringLiteral("ftp://shiftsync.invalid/api") << true;
    QTest::newRow("plain http to loopback") << QString() << false;
}

void TestClients::plainHttpToRemoteHostIsRefused()
{
    QFETCH(QString, url);
    QFETCH(bool, refused);

    CountingNetworkAccessManager nam;
    HttpService http(&nam);
    HttpCall call;
    call.step = SyncStep::Domains;
    call.url = url.isEmpty() ? m_sim->baseUrl().resolved(QUrl(QStringLiteral("/nowhere"))) : QUrl(url);
    const std::optional<HttpResult> result = send(http, call);

    QVERIFY(result);
    QCOMPARE(result->error.kind == ErrorKind::Configuration, refused);
    QCOMPARE(nam.created, refused ? 0 : 1);
    QCOMPARE(http.requestsSent(), quint64(refused ? 0 : 1));
    if (refused) {
        QCOMPARE(result->error.host, QStringLiteral("shiftsync.invalid"));
        QVERIFY(result->error.toString().contains(QLatin1String("https")));
    }
}

void TestClients::redirectsAreNotFollowed()
{
    const QUrl target = m_sim->baseUrl().resolved(
        QUrl(QStringLiteral("/api/account/%1/shift-status").arg(m_sim->account().accountId)));
    RedirectServer redirector(target);
    QVERIFY(redirector.start());

    HttpCall call;
    call.step = SyncStep::FetchShiftStatus;
    call.url = redirector.url();
    call.expect = Expect::JsonArray;
    const std::optional<HttpResult> result = send(m_sim->http, call);

    QVERIFY(result);
    QCOMPARE(redirector.answered, 1);
    QCOMPARE(result->httpStatus, 302);
    QCOMPARE(result->error.kind, ErrorKind::Rejected);
    QVERIFY2(result->error.detail.contains(QLatin1String("redirect")), qPrintable(result->error.toString()));
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Any), 0);
}

void TestClients::transportFailures_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("detail");

    QTest::newRow("server accepts and never answers (B09)")
        << Fault::ofKind(Fault::Kind::Stall) << ErrorKind::Timeout << QStringLiteral("timed out");
    QTest::newRow("server stops in the middle of the body")
        << Fault::ofKind(Fault::Kind::StallMidBody) << ErrorKind::Timeout << QStringLiteral("timed out");
    QTest::newRow("connection reset") << Fault::ofKind(Fault::Kind::Reset) << ErrorKind::Network << QString();
}

void TestClients::transportFailures()
{
    QFETCH(Fault, fault);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, detail);

    m_sim->simulator.setFault(Endpoint::Csds, fault);
    m_sim->http.setTransferTimeoutMs(1000);
    HttpCall call;
    call.step = SyncStep::Domains;
    call.url = m_sim->baseUrl().resolved(
        QUrl(QStringLiteral("/api/account/%1/service/baseURI.json?version=1.0").arg(m_sim->account().accountId)));
    call.expect = Expect::JsonObject;
    const std::optional<HttpResult> result = send(m_sim->http, call);

    QVERIFY(result);
    QCOMPARE(result->error.kind, kind);
    QCOMPARE(result->error.step, SyncStep::Domains);
    QCOMPARE(result->error.host, m_sim->host());
    QVERIFY2(result->error.detail.contains(detail), qPrintable(result->error.toString()));
    QVERIFY(result->json.isNull());
}

QTEST_GUILESS_MAIN(TestClients)
#include "tst_clients.moc"
