#pragma once

#include "net/apierror.h"

#include <QJsonArray>
#include <QObject>
#include <QUrl>

#include <functional>

class HttpService;

// Reads the Shift Status API ("by account"): one entry per skill with its on-shift state.
// The answer is only checked to be a JSON array here; ShiftShaper judges the entries.
class ShiftStatusClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ApiError &, const QJsonArray &)>;

    explicit ShiftStatusClient(HttpService *http, QObject *parent = nullptr);

    void
    fetch(const QUrl &base, const QString &accountId, const QByteArray &authorization, QObject *context, Callback done);

private:
    HttpService *m_http;
};
