#include "livepersonsimulator.h"

#include "contextservice.h"
#include "csdsdirectory.h"
#include "faultresponses.h"
#include "loginservice.h"
#include "simredaction.h"
#include "simrequest.h"
#include "simresponse.h"
#include "simulatorcontrol.h"
#include "simulatorlogging.h"
#include "skillservice.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

// A Delay fault without delayMs waits longer than the 10 s deadlines LivePerson's own
// clients use, so that a client without a timeout visibly hangs.
constexpr int DefaultDelayMs = 15000;

bool isBaseUriSegment(const QString &segment)
{
    return segment == QLatin1String("baseURI.json") || segment == QLatin1String("baseURI");
}

bool statusForbidsBody(int status)
{
    return status == 204 || status == 304;
}

void writeHead(QHttpServerResponder &responder, const SimResponse &response, qsizetype contentLength)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    for (const auto &header : response.headers)
        responder.writeHeader(header.first, header.second);
    if (!statusForbidsBody(response.status))
        responder.writeHeader("Content-Length", QByteArray::number(contentLength));
}

// Closes with RST instead of FIN, the way a crashed proxy or a dropped NAT entry looks.
void resetConnection(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    const linger option {1, 0};
    ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
#endif
    socket->abort();
}

int delayFor(const std::optional<Fault> &fault)
{
    if (!fault)
        return 0;
    if (fault->kind == Fault::Kind::Delay && fault->delayMs <= 0)
        return DefaultDelayMs;
    return fault->delayMs;
}

// "METHOD /path?query" with secret query values masked, for the request log.
QString requestLine(const QHttpServerRequest &request)
{
    const QString query = SimRedaction::query(request.query().toString(QUrl::FullyEncoded));
    QString line = QString::fromLatin1(SimRequest::methodOf(request)) + QLatin1Char(' ') + request.url().path();
    if (!query.isEmpty())
        line += QLatin1Char('?') + query;
    return line;
}

} // namespace

// One answer on its way out, possibly delayed by a fault.
struct LivePersonSimulator::Pending
{
    explicit Pending(QHttpServerResponder &&responderIn)
        : responder(std::move(responderIn))
    { }

    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    SimResponse response;
    std::optional<Fault> fault;
    qsizetype recordIndex = -1; // -1: a control call, not recorded
    QString logLine; // "METHOD /path?query"
    QStringList faultNames;
    QElapsedTimer elapsed;
};

LivePersonSimulator::LivePersonSimulator(SimulatorAccount account, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_account(std::move(account))
    , m_csds(std::make_unique<CsdsDirectory>(m_account.accountId))
    , m_login(std::make_unique<LoginService>(m_account, *m_csds))
    , m_skills(std::make_unique<SkillService>(m_account, *m_login))
    , m_context(std::make_unique<ContextService>(m_account))
    , m_control(std::make_unique<SimulatorControl>(*this))
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    qRegisterMetaType<RecordedRequest>();
}

LivePersonSimulator::~LivePersonSimulator() = default;

quint16 LivePersonSimulator::start(const QHostAddress &address, quint16 port)
{
    m_port = listen(address, port);
    if (m_port == 0)
        return 0;

    m_address = address;
    if (!m_hostOverridden)
        restoreAdvertisedHost();
    return m_port;
}

QUrl LivePersonSimulator::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString());
    url.setPort(m_port);
    return url;
}

void LivePersonSimulator::setAdvertisedHost(const QString &hostAndPort)
{
    m_hostOverridden = !hostAndPort.isEmpty();
    if (m_hostOverridden)
        m_csds->setHost(hostAndPort);
    else
        restoreAdvertisedHost();
}

QString LivePersonSimulator::advertisedHost() const
{
    return m_csds->host();
}

void LivePersonSimulator::setShiftStatusServiceListed(bool listed)
{
    m_csds->setShiftStatusServiceListed(listed);
}

bool LivePersonSimulator::shiftStatusServiceListed() const
{
    return m_csds->shiftStatusServiceListed();
}

void LivePersonSimulator::setFault(Endpoint endpoint, const Fault &fault)
{
    m_faults.set(endpoint, fault);
}

void LivePersonSimulator::addFault(Endpoint endpoint, const Fault &fault)
{
    m_faults.add(endpoint, fault);
}

void LivePersonSimulator::clearFaults()
{
    m_faults.clear();
}

void LivePersonSimulator::clearFaults(Endpoint endpoint)
{
    m_faults.clear(endpoint);
}

QList<RecordedRequest> LivePersonSimulator::requests(Endpoint endpoint) const
{
    QList<RecordedRequest> matching;
    for (const RecordedRequest &request : m_requests) {
        if (endpoint == Endpoint::Any || request.endpoint == endpoint)
            matching.append(request);
    }
    return matching;
}

void LivePersonSimulator::clearRequests()
{
    m_requestBase += m_requests.size();
    m_requests.clear();
}

int LivePersonSimulator::requestCount(Endpoint endpoint) const
{
    return int(requests(endpoint).size());
}

QJsonObject LivePersonSimulator::contextProperties(const QString &ns, const QString &session) const
{
    return QJsonDocument::fromJson(contextPropertiesJson(ns, session)).object();
}

QByteArray LivePersonSimulator::contextPropertiesJson(const QString &ns, const QString &session) const
{
    const QString id = session.isEmpty() ? ContextStore::defaultSession() : session;
    return ContextStore::document(m_context->store().properties(ns, id));
}

QStringList LivePersonSimulator::contextNamespaces() const
{
    QStringList names;
    for (const ContextStore::NamespaceInfo &info : m_context->store().namespaces())
        names.append(info.name);
    return names;
}

void LivePersonSimulator::clearContextStore()
{
    m_context->store().clear();
}

void LivePersonSimulator::setContextDocumentLimit(qsizetype characters)
{
    m_context->setDocumentLimit(characters);
}

QJsonArray LivePersonSimulator::shiftStatus() const
{
    return QJsonDocument::fromJson(shiftStatusJson()).array();
}

QByteArray LivePersonSimulator::shiftStatusJson() const
{
    return m_skills->shiftStatusBody();
}

void LivePersonSimulator::setShiftStatusBody(const QJsonArray &body)
{
    m_skills->setShiftStatusOverride(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void LivePersonSimulator::setShiftStatusRawBody(const QByteArray &body)
{
    m_skills->setShiftStatusOverride(body);
}

void LivePersonSimulator::clearShiftStatusOverride()
{
    m_skills->clearShiftStatusOverride();
}

QJsonArray LivePersonSimulator::skills() const
{
    return m_skills->skillList();
}

void LivePersonSimulator::setSkillsOverride(const QJsonArray &skills)
{
    m_skills->setSkillsOverride(skills);
}

void LivePersonSimulator::clearSkillsOverride()
{
    m_skills->clearSkillsOverride();
}

void LivePersonSimulator::expireAllSessions()
{
    m_login->sessions().expireAll();
}

int LivePersonSimulator::activeSessionCount() const
{
    return m_login->sessions().activeCount();
}

void LivePersonSimulator::setClock(std::function<qint64()> nowMs)
{
    m_now = nowMs;
    m_login->setClock(nowMs);
    m_skills->setClock(std::move(nowMs));
}

QJsonObject LivePersonSimulator::state() const
{
    QJsonArray faultList;
    for (const FaultInjector::Armed &armed : m_faults.faults()) {
        QJsonObject entry = armed.fault.toJson();
        entry.insert(QStringLiteral("endpoint"), endpointName(armed.endpoint));
        entry.insert(QStringLiteral("seen"), armed.seen);
        entry.insert(QStringLiteral("applied"), armed.applied);
        faultList.append(entry);
    }

    QJsonObject counts;
    for (Endpoint endpoint : concreteEndpoints())
        counts.insert(endpointName(endpoint), requestCount(endpoint));

    return QJsonObject {
        {QStringLiteral("baseUrl"), baseUrl().toString()},
        {QStringLiteral("accountId"), m_account.accountId},
        {QStringLiteral("username"), m_account.username},
        {QStringLiteral("skillCount"), m_account.skillCount},
        {QStringLiteral("seed"), qint64(m_account.seed)},
        {QStringLiteral("sessionTtlMs"), m_account.sessionTtlMs},
        {QStringLiteral("now"), m_now()},
        {QStringLiteral("csdsHost"), advertisedHost()},
        {QStringLiteral("shiftStatusServiceListed"), shiftStatusServiceListed()},
        {QStringLiteral("faults"), faultList},
        {QStringLiteral("requestCounts"), counts},
        {QStringLiteral("activeSessions"), activeSessionCount()},
        {QStringLiteral("namespaces"), QJsonArray::fromStringList(contextNamespaces())},
        {QStringLiteral("contextDocumentLimit"), qint64(m_context->documentLimit())},
        {QStringLiteral("shiftStatusOverridden"), m_skills->hasShiftStatusOverride()},
        {QStringLiteral("skillsRevision"), QString::fromLatin1(m_skills->skillsRevision())},
    };
}

bool LivePersonSimulator::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto pending = std::make_shared<Pending>(makeResponder(request, socket));
    pending->elapsed.start();
    pending->socket = socket;
    pending->logLine = requestLine(request);

    SimRequest sim(request);
    if (sim.segment(0) == QLatin1String("_sim")) {
        pending->response = m_control->handle(sim);
        deliver(*pending);
        return true;
    }

    const std::optional<Endpoint> endpoint = classify(sim);
    pending->recordIndex = record(request, sim, endpoint);
    if (endpoint)
        sim.setFaults(ActiveFaults(m_faults.arm(*endpoint)));
    Q_EMIT requestReceived(m_requests.last());

    answer(sim, endpoint, *pending);
    deliverLater(pending, delayFor(pending->fault));
    return true;
}

void LivePersonSimulator::answer(SimRequest &sim, std::optional<Endpoint> endpoint, Pending &pending)
{
    // At most one fault replaces or withholds the answer; the endpoint itself takes the
    // content-shaping ones it can apply.
    if (const FaultInjector::Armed *delivery = sim.faults().deliveryFault()) {
        pending.fault = delivery->fault;
        sim.faults().markUsed(delivery->id);
    }

    if (!pending.fault || FaultResponses::needsNormalAnswer(pending.fault->kind))
        pending.response = endpoint ? dispatch(*endpoint, sim) : SimResponse::message(404, QStringLiteral("Not found"));
    if (pending.fault)
        pending.response = FaultResponses::apply(*pending.fault, pending.response);

    for (int id : sim.faults().used())
        m_faults.consume(id);
    pending.faultNames = sim.faults().usedKindNames();
}

void LivePersonSimulator::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers every request itself; this only runs if that ever changes.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

std::optional<Endpoint> LivePersonSimulator::classify(const SimRequest &request) const
{
    const QStringList s = request.segments();
    if (s.size() >= 3 && s.at(0) == QLatin1String("v1") && s.at(1) == QLatin1String("account")) {
        if (request.method() == "GET")
            return Endpoint::ContextRead;
        return request.method() == "DELETE" ? Endpoint::ContextDelete : Endpoint::ContextWrite;
    }
    if (s.size() < 4 || s.at(0) != QLatin1String("api") || s.at(1) != QLatin1String("account"))
        return std::nullopt;

    const QString what = s.at(3);
    if (what == QLatin1String("service") && (s.size() == 5 || s.size() == 6) && isBaseUriSegment(s.last()))
        return Endpoint::Csds;
    if (s.size() == 6 && what == QLatin1String("configuration") && s.at(4) == QLatin1String("le-users")
        && s.at(5) == QLatin1String("skills"))
        return Endpoint::Skills;
    if (s.size() != 4)
        return std::nullopt;
    if (what == QLatin1String("login"))
        return Endpoint::Login;
    if (what == QLatin1String("refresh"))
        return Endpoint::Refresh;
    if (what == QLatin1String("logout"))
        return Endpoint::Logout;
    if (what == QLatin1String("shift-status"))
        return Endpoint::ShiftStatus;
    return std::nullopt;
}

SimResponse LivePersonSimulator::dispatch(Endpoint endpoint, SimRequest &request)
{
    const bool post = request.method() == "POST";
    const bool get = request.method() == "GET";
    switch (endpoint) {
    case Endpoint::Csds:
        return get ? csds(request) : SimResponse::empty(405);
    case Endpoint::Login:
        return post ? m_login->login(request) : SimResponse::empty(405);
    case Endpoint::Refresh:
        return post ? m_login->refresh(request) : SimResponse::empty(405);
    case Endpoint::Logout:
        return post ? m_login->logout(request) : SimResponse::empty(405);
    case Endpoint::ShiftStatus:
        return get ? m_skills->shiftStatus(request) : SimResponse::empty(405);
    case Endpoint::Skills:
        return get ? m_skills->skills(request) : SimResponse::empty(405);
    case Endpoint::ContextRead:
    case Endpoint::ContextWrite:
    case Endpoint::ContextDelete:
        return m_context->handle(request);
    case Endpoint::Any:
        break;
    }
    return SimResponse::empty(404);
}

SimResponse LivePersonSimulator::csds(const SimRequest &request) const
{
    if (!request.hasQuery(QStringLiteral("version")))
        return SimResponse::loginError(400, QStringLiteral("Missing mandatory query parameter: version"), 3);

    const QString account = request.segment(2);
    if (request.segments().size() == 5)
        return SimResponse::json(200, m_csds->list(account));

    const std::optional<QJsonObject> service = m_csds->service(account, request.segment(4));
    if (!service)
        return SimResponse::loginError(404, QStringLiteral("Service not found"), 4);
    return SimResponse::json(200, *service);
}

qsizetype
LivePersonSimulator::record(const QHttpServerRequest &request, const SimRequest &sim, std::optional<Endpoint> endpoint)
{
    RecordedRequest recorded;
    recorded.method = sim.method();
    recorded.path = sim.path();
    recorded.query = request.query().toString(QUrl::FullyEncoded);
    recorded.headers = request.headers();
    recorded.body = sim.body();
    recorded.endpoint = endpoint.value_or(Endpoint::Any);
    recorded.time = QDateTime::currentDateTimeUtc();
    m_requests.append(recorded);
    return m_requestBase + m_requests.size() - 1;
}

void LivePersonSimulator::deliverLater(const std::shared_ptr<Pending> &pending, int delayMs)
{
    if (delayMs <= 0) {
        deliver(*pending);
        return;
    }
    QTimer::singleShot(delayMs, this, [this, pending] { deliver(*pending); });
}

void LivePersonSimulator::deliver(Pending &pending)
{
    QTcpSocket *socket = pending.socket.data();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
        finish(pending, 0, QStringLiteral("client went away"));
        return;
    }

    const SimResponse &response = pending.response;
    const Fault::Kind kind = pending.fault ? pending.fault->kind : Fault::Kind::Delay;
    if (kind == Fault::Kind::Stall) {
        finish(pending, 0, QStringLiteral("stalled, no answer"));
        return;
    }
    if (kind == Fault::Kind::Reset) {
        resetConnection(socket);
        finish(pending, 0, QStringLiteral("connection reset"));
        return;
    }

    if (kind == Fault::Kind::StallMidBody) {
        // Promise the whole body, send half of it and go silent.
        const QByteArray body = response.body.isEmpty() ? QByteArray(64, ' ') : response.body;
        writeHead(pending.responder, response, body.size());
        pending.responder.writeBody(body.left(body.size() / 2));
        finish(pending, response.status, QStringLiteral("stalled mid-body"));
        return;
    }

    writeHead(pending.responder, response, response.body.size());
    pending.responder.writeBody(response.body);
    finish(pending, response.status, {});
}

void LivePersonSimulator::finish(Pending &pending, int status, const QString &note)
{
    const qsizetype local = pending.recordIndex - m_requestBase;
    if (pending.recordIndex >= 0 && local >= 0 && local < m_requests.size())
        m_requests[local].status = status;

    QString line = pending.logLine + QLatin1Char(' ') + (status > 0 ? QString::number(status) : QStringLiteral("-"))
        + QStringLiteral(" %1ms").arg(pending.elapsed.elapsed());
    if (!note.isEmpty())
        line += QStringLiteral(" (%1)").arg(note);
    if (!pending.faultNames.isEmpty())
        line += QStringLiteral(" [fault: %1]").arg(pending.faultNames.join(QLatin1String(", ")));
    qCInfo(lcSimulator).noquote() << line;
}

void LivePersonSimulator::restoreAdvertisedHost()
{
    const bool ipv6 = m_address.protocol() == QAbstractSocket::IPv6Protocol;
    const QString host = ipv6 ? QStringLiteral("[%1]").arg(m_address.toString()) : m_address.toString();
    m_csds->setHost(QStringLiteral("%1:%2").arg(host).arg(m_port));
}
