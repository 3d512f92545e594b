#include "contextstoreclient.h"

#include "net/httpservice.h"
#include "util/logging.h"

namespace {

HttpCall callFor(SyncStep step, const QByteArray &verb, const QUrl &url, const QByteArray &apiKey)
{
    HttpCall call;
    call.step = step;
    call.verb = verb;
    call.url = url;
    call.headers.append({"maven-api-key", apiKey});
    return call;
}

} // namespace

ContextStoreClient::ContextStoreClient(HttpService *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{ }

QUrl ContextStoreClient::propertiesUrl(const Target &target, const QString &key)
{
    QUrl url = target.base;
    QString path = QStringLiteral("/v1/account/%1/%2/properties").arg(target.accountId, target.contextNamespace);
    if (!key.isEmpty())
        path += QLatin1Char('/') + key;
    url.setPath(path);
    return url;
}

void ContextStoreClient::patch(const Target &target, const QByteArray &jsonBody, QObject *context, WriteCallback done)
{
    HttpCall call = callFor(SyncStep::Write, "PATCH", propertiesUrl(target), target.apiKey);
    call.body = jsonBody;
    call.expect = Expect::NoneOrJson;

    m_http->send(call, context, [done, target](const HttpResult &result) {
        if (result.ok())
            qCDebug(lcContext) << "wrote namespace" << target.contextNamespace << "HTTP" << result.httpStatus;
        done(result.error);
    });
}

void ContextStoreClient::read(const Target &target, QObject *context, ReadCallback done)
{
    HttpCall call = callFor(SyncStep::ReadBack, "GET", propertiesUrl(target), target.apiKey);
    call.expect = Expect::JsonObject;

    m_http->send(call, context, [done](const HttpResult &result) { done(result.error, result.json.object()); });
}

void ContextStoreClient::removeProperty(const Target &target, const QString &key, QObject *context, WriteCallback done)
{
    HttpCall call = callFor(SyncStep::Prune, "DELETE", propertiesUrl(target, key), target.apiKey);
    call.expect = Expect::NoneOrJson;
    m_http->send(call, context, [done](const HttpResult &result) { done(result.error); });
}
