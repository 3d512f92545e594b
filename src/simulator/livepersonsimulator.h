#pragma once

#include "endpoint.h"
#include "fault.h"
#include "faultinjector.h"
#include "recordedrequest.h"
#include "simulatoraccount.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class ContextService;
class CsdsDirectory;
class LoginService;
class QHttpServerResponder;
class SimRequest;
class SimulatorControl;
class SkillService;
struct SimResponse;

// A local stand-in for the LivePerson APIs ShiftSync calls (Domain/CSDS, Login, Shift Status,
// Skills, Context Service v1), all on one loopback port, with switchable faults and a request
// recorder, so the product's tests, demo and CI run without a LivePerson account. Routes,
// fault kinds and the /_sim/ control API are listed in src/simulator/README.md.
class LivePersonSimulator : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit LivePersonSimulator(SimulatorAccount account = {}, QObject *parent = nullptr);
    ~LivePersonSimulator() override;

    // Listens on the address and port (0: any free port). Returns the port, 0 on failure.
    quint16 start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // e.g. http://127.0.0.1:PORT
    const SimulatorAccount &account() const { return m_account; }

    // The "host:port" every CSDS baseURI points at; empty restores the listening address.
    void setAdvertisedHost(const QString &hostAndPort);
    QString advertisedHost() const;
    // Whether CSDS lists the "shiftstatus" service (off: clients must fall back to
    // asyncMessagingEnt).
    void setShiftStatusServiceListed(bool listed);
    bool shiftStatusServiceListed() const;

    // setFault replaces the endpoint's faults; addFault stacks another one (e.g. two
    // content-shaping kinds). A fault on Endpoint::Any applies to every endpoint.
    void setFault(Endpoint endpoint, const Fault &fault);
    void addFault(Endpoint endpoint, const Fault &fault);
    void clearFaults();
    void clearFaults(Endpoint endpoint);
    QList<FaultInjector::Armed> faults() const { return m_faults.faults(); }

    // Every LivePerson request received (control calls to /_sim/ are not recorded).
    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requests(Endpoint endpoint) const;
    void clearRequests();
    int requestCount(Endpoint endpoint) const; // Any: all recorded requests

    // What a GET of the namespace (or one of its sessions) returns; an empty session means
    // the namespace-level properties (__default__).
    QJsonObject contextProperties(const QString &ns, const QString &session = {}) const;
    QByteArray contextPropertiesJson(const QString &ns, const QString &session = {}) const;
    QStringList contextNamespaces() const;
    void clearContextStore();
    void setContextDocumentLimit(qsizetype characters); // default 800,000, as the real service

    // What the next shift-status call returns (before content-shaping faults).
    QJsonArray shiftStatus() const;
    QByteArray shiftStatusJson() const;
    // Feeds an exact body to shift-status (B16 rows). The raw form keeps any bytes, even
    // invalid JSON; both leave content-shaping faults out.
    void setShiftStatusBody(const QJsonArray &body);
    void setShiftStatusRawBody(const QByteArray &body);
    void clearShiftStatusOverride();

    QJsonArray skills() const;
    void setSkillsOverride(const QJsonArray &skills); // bumps the ac-revision
    void clearSkillsOverride();

    // Logs every bearer out at once: the next data call gets 401.
    void expireAllSessions();
    int activeSessionCount() const;

    // The wall clock in ms since the epoch, used for shift windows and session expiry.
    void setClock(std::function<qint64()> nowMs);
    qint64 now() const { return m_now(); }

    // What GET /_sim/state returns: settings, faults, counters; no credentials.
    QJsonObject state() const;

Q_SIGNALS:
    // A LivePerson request arrived and was recorded; its answer (if any) follows.
    void requestReceived(const RecordedRequest &request);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Pending;

    void answer(SimRequest &sim, std::optional<Endpoint> endpoint, Pending &pending);
    std::optional<Endpoint> classify(const SimRequest &request) const;
    SimResponse dispatch(Endpoint endpoint, SimRequest &request);
    SimResponse csds(const SimRequest &request) const;
    qsizetype record(const QHttpServerRequest &request, const SimRequest &sim, std::optional<Endpoint> endpoint);

    void deliverLater(const std::shared_ptr<Pending> &pending, int delayMs);
    void deliver(Pending &pending);
    void finish(Pending &pending, int status, const QString &note);
    void restoreAdvertisedHost();

    SimulatorAccount m_account;
    std::unique_ptr<CsdsDirectory> m_csds;
    std::unique_ptr<LoginService> m_login;
    std::unique_ptr<SkillService> m_skills;
    std::unique_ptr<ContextService> m_context;
    std::unique_ptr<SimulatorControl> m_control;
    FaultInjector m_faults;
    QList<RecordedRequest> m_requests;
    qsizetype m_requestBase = 0; // requests cleared so far, so late answers find their record
    std::function<qint64()> m_now;
    QHostAddress m_address;
    quint16 m_port = 0;
    bool m_hostOverridden = false;
};
