#pragma once

#include "net/apierror.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

class HttpService;

// The Conversation Context Service, REST v1 with the `maven-api-key` header: the same API
// and namespace-level ("global") properties that the reference FaaS job writes and that
// Conversation Builder's getGlobalContextData() reads.
class ContextStoreClient : public QObject
{
    Q_OBJECT

public:
    // One namespace of one account on one regional host, with the key to write it.
    struct Target
    {
        QUrl base;
        QString accountId;
        QString contextNamespace;
        QByteArray apiKey;
    };

    using WriteCallback = std::function<void(const ApiError &)>;
    using ReadCallback = std::function<void(const ApiError &, const QJsonObject &)>;

    explicit ContextStoreClient(HttpService *http, QObject *parent = nullptr);

    // PATCH …/{namespace}/properties: upserts the keys in `properties`, leaves others alone.
    // Any 2xx is success (204 today, 200 with {"cas":…} on older deployments).
    void patch(const Target &target, const QByteArray &jsonBody, QObject *context, WriteCallback done);

    // GET …/{namespace}/properties: what bots will read.
    void read(const Target &target, QObject *context, ReadCallback done);

    // DELETE …/{namespace}/properties/{key}: removing a key is the only way to drop one.
    void removeProperty(const Target &target, const QString &key, QObject *context, WriteCallback done);

    // The context store refuses documents over this many characters, and keeps refusing
    // later writes until the document shrinks.
    static constexpr qsizetype DocumentLimit = 800'000;

private:
    static QUrl propertiesUrl(const Target &target, const QString &key = {});

    HttpService *m_http;
};
