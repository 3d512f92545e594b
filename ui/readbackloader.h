#pragma once

#include "config/profileconfig.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <memory>

class Clock;
class ContextStoreClient;
class DomainResolver;
class HttpService;
class QJsonObject;

// Reads a profile's namespace back from the context store for "What bots read": the same GET
// bots make, with the profile's context-store key. Uses the host the engine's last cycle
// resolved, or resolves it first. Read-only; a new load() drops the answer of a running one.
class ReadBackLoader : public QObject
{
    Q_OBJECT

public:
    ReadBackLoader(HttpService *http, const Clock &clock, QObject *parent = nullptr);
    ~ReadBackLoader() override;

    // `contextBase` may be empty: then the Domain API is asked first.
    void load(const ProfileConfig &config, const QUrl &contextBase, const QByteArray &apiKey);
    bool isRunning() const { return m_guard != nullptr; }

Q_SIGNALS:
    void loaded(const QJsonObject &properties);
    // What went wrong and what to do, from the client's ApiError (no secrets).
    void failed(const QString &message);

private:
    void read(const ProfileConfig &config, const QUrl &contextBase, const QByteArray &apiKey);

    ContextStoreClient *m_context;
    DomainResolver *m_domains;
    // The context object of the running load's callbacks: resetting it drops them.
    std::unique_ptr<QObject> m_guard;
};
