#include "faultresponses.h"

#include <QJsonDocument>

namespace {

bool statusHasNoBody(int status)
{
    return status == 204 || status == 304 || (status >= 100 && status < 200);
}

void addRetryAfter(SimResponse *response, const Fault &fault)
{
    if (fault.retryAfterSeconds >= 0)
        response->addHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
}

SimResponse statusResponse(const Fault &fault)
{
    const int status = fault.effectiveStatus();
    SimResponse response = SimResponse::empty(status);
    addRetryAfter(&response, fault);
    if (statusHasNoBody(status))
        return response;

    if (fault.body.isEmpty()) {
        response.contentType = "application/json";
        response.body = "{\"message\":\"" + FaultResponses::reasonPhrase(status) + "\"}";
    } else {
        response.contentType = fault.contentType.isEmpty() ? QByteArray("application/json") : fault.contentType;
        response.body = fault.body;
    }
    return response;
}

// What nginx sends for its own errors, or a captive portal's sign-in page for a 200.
QByteArray htmlPage(int status)
{
    if (status == 200) {
        return "<!DOCTYPE html>\n<html><head><title>Sign in to Wi-Fi</title></head>\n"
               "<body><h1>Welcome</h1><form method=\"post\" action=\"/login\">"
               "<input name=\"room\"><button>Connect</button></form></body></html>\n";
    }

    const QByteArray title = QByteArray::number(status) + ' ' + FaultResponses::reasonPhrase(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

SimResponse htmlResponse(const Fault &fault)
{
    SimResponse response = SimResponse::empty(fault.effectiveStatus());
    response.contentType = fault.contentType.isEmpty() ? QByteArray("text/html") : fault.contentType;
    response.body = fault.body.isEmpty() ? htmlPage(response.status) : fault.body;
    addRetryAfter(&response, fault);
    return response;
}

SimResponse truncatedResponse(const SimResponse &normal)
{
    const QByteArray whole = normal.body.isEmpty() ? QByteArray("[{\"skillId\":1,\"onShift\":true}]") : normal.body;
    SimResponse response = SimResponse::rawJson(200, whole.left(qMax<qsizetype>(1, whole.size() / 2)));
    response.headers = normal.headers;
    return response;
}

SimResponse wrongTypeResponse(const SimResponse &normal)
{
    const QJsonDocument document = QJsonDocument::fromJson(normal.body);
    if (document.isArray())
        return SimResponse::rawJson(200, "{\"error\":\"unexpected object where an array belongs\"}");
    return SimResponse::rawJson(200, "[{\"error\":\"unexpected array where an object belongs\"}]");
}

} // namespace

namespace FaultResponses {

bool needsNormalAnswer(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::Delay:
    case Fault::Kind::StallMidBody:
    case Fault::Kind::TruncatedJson:
    case Fault::Kind::WrongType:
        return true;
    default:
        return false;
    }
}

SimResponse apply(const Fault &fault, const SimResponse &normal)
{
    switch (fault.kind) {
    case Fault::Kind::Status:
        return statusResponse(fault);
    case Fault::Kind::HtmlPage:
        return htmlResponse(fault);
    case Fault::Kind::EmptyBody:
        return SimResponse::rawJson(200, {});
    case Fault::Kind::TruncatedJson:
        return truncatedResponse(normal);
    case Fault::Kind::WrongType:
        return wrongTypeResponse(normal);
    default:
        return normal;
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 410:
        return "Gone";
    case 413:
        return "Request Entity Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 451:
        return "Unavailable For Legal Reasons";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

} // namespace FaultResponses
