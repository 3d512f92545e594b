#pragma once

#include "net/apierror.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

// What a call expects back when the status is 2xx.
enum class Expect {
    JsonObject,
    JsonArray,
    NoneOrJson, // no body, or a JSON one (writes: 204, or 200 {"cas":...}); an HTML page is not a write
    Anything, // any body or none (logout)
};

// One HTTP call, described completely before it is sent.
struct HttpCall
{
    SyncStep step = SyncStep::None;
    QByteArray verb = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // sent as application/json when not empty
    Expect expect = Expect::Anything;
    bool acceptNotModified = false; // a 304 counts as success (conditional GETs)
};

struct HttpResult
{
    ApiError error;
    int httpStatus = 0;
    QByteArray body;
    QJsonDocument json; // parsed when the call expected JSON
    QList<QPair<QByteArray, QByteArray>> headers;
    bool http2Used = false;

    bool ok() const { return !error.isError(); }
    QByteArray header(const QByteArray &name) const;
};

// The one place where requests are built and replies are judged. Every request gets a
// transfer timeout, a User-Agent, JSON headers and a redirect policy that never follows a
// server elsewhere; every reply is checked in the same order (transport, HTTP status,
// content type, JSON, top-level shape) and freed on every path.
class HttpService : public QObject
{
    Q_OBJECT

public:
    explicit HttpService(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~HttpService() override;

    void setTransferTimeoutMs(int ms) { m_timeoutMs = ms; }
    int transferTimeoutMs() const { return m_timeoutMs; }
    void setHttp2Allowed(bool allowed);
    bool http2Allowed() const { return m_http2Allowed; }

    // Sends the call; `done` runs once, in `context`'s thread, unless `context` is destroyed
    // first. Plain http is refused here for anything but loopback, whatever the caller says.
    void send(const HttpCall &call, QObject *context, std::function<void(const HttpResult &)> done);

    // Aborts every call in flight; their callbacks report a Network error ("cancelled").
    void abortAll();

    // Counters for the cycle report and for leak tests.
    quint64 requestsSent() const { return m_requestsSent; }
    int repliesInFlight() const { return static_cast<int>(m_inFlight.size()); }

    static QByteArray userAgent();

private:
    QNetworkRequest buildRequest(const HttpCall &call) const;
    void finish(QNetworkReply *reply,
        const HttpCall &call,
        QObject *context,
        const std::function<void(const HttpResult &)> &done);
    void noteTransportOutcome(const HttpResult &result);

    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 30'000;
    bool m_http2Allowed = false;
    quint64 m_requestsSent = 0;
    int m_consecutiveNetworkErrors = 0;
    QList<QNetworkReply *> m_inFlight;
};

// Turns a finished reply into a result: pure judgement, no I/O. Exposed for tests.
HttpResult judgeReply(QNetworkReply *reply, const HttpCall &call, bool abortedByUs);

// "host" for the default port, "host:port" otherwise, for messages.
QString hostForPeople(const QUrl &url);

// True for localhost, 127.0.0.0/8 and ::1: the only hosts that may be spoken to without TLS.
bool isLoopbackHost(const QString &host);
