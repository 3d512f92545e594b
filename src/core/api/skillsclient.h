#pragma once

#include "net/apierror.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>

class HttpService;

// Reads skill names from the Account Configuration Skills API, for people only: the store
// is keyed by id and never needs names. The answer is cached by the collection revision, so
// asking again with the revision costs a 304 and no body.
class SkillsClient : public QObject
{
    Q_OBJECT

public:
    struct Names
    {
        QHash<QString, QString> byId; // skill id (decimal digits) -> name; deleted skills left out
        QByteArray revision; // the ac-revision header
        bool notModified = false; // 304: byId is empty, the caller's copy is current
    };

    using Callback = std::function<void(const ApiError &, const Names &)>;

    explicit SkillsClient(HttpService *http, QObject *parent = nullptr);

    void fetch(const QUrl &base,
        const QString &accountId,
        const QByteArray &authorization,
        const QByteArray &knownRevision,
        QObject *context,
        Callback done);

    // The JSON array of {id, name, deleted} as names by id; ids that are not whole numbers
    // are skipped.
    static QHash<QString, QString> parseNames(const QJsonArray &skills);

private:
    HttpService *m_http;
};
