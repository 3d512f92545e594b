#include "redaction.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSet>

namespace {

QMutex &secretsMutex()
{
    static QMutex mutex;
    return mutex;
}

QSet<QString> &secrets()
{
    static QSet<QString> values;
    return values;
}

QtMessageHandler &previousHandler()
{
    static QtMessageHandler handler = nullptr;
    return handler;
}

void scrubbingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = Redaction::scrub(message);
    if (QtMessageHandler previous = previousHandler())
        previous(type, context, clean);
    else
        qt_message_output(type, context, clean);
}

// JSON string fields whose values are credentials or session material.
const QRegularExpression &secretJsonField()
{
    static const QRegularExpression re(
        QStringLiteral(R"re("(bearer|secret|appKey|accessToken|accessTokenSecret|csrf|password|sessionId|)re"
                       R"re(wsuk|mavenApiKey|maven-api-key|token|access_token|client_secret)"\s*:\s*"[^"]*")re"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

namespace Redaction {

void registerSecret(const QString &value)
{
    if (value.size() < 4)
        return;

    QMutexLocker lock(&secretsMutex());
    secrets().insert(value);
}

void forgetAllSecrets()
{
    QMutexLocker lock(&secretsMutex());
    secrets().clear();
}

QString scrub(const QString &text)
{
    QMutexLocker lock(&secretsMutex());
    QString result = text;
    for (const QString &secret : std::as_const(secrets()))
        result.replace(secret, Mask);
    return result;
}

QString url(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QByteArray headerValue(const QByteArray &name, const QByteArray &value)
{
    static const QByteArrayList sensitive {"authorization", "cookie", "set-cookie", "maven-api-key", "x-api-key"};
    return sensitive.contains(name.toLower()) ? QByteArray(Mask.data(), Mask.size()) : value;
}

QString bodyExcerpt(const QByteArray &body, int maxChars)
{
    QString text = QString::fromUtf8(body);
    text.replace(secretJsonField(), QStringLiteral(R"("\1":")") + Mask + QStringLiteral(R"(")"));
    text = scrub(text);

    static const QRegularExpression whitespace(QStringLiteral(R"([\s\x00-\x1f]+)"));
    text = text.replace(whitespace, QStringLiteral(" ")).trimmed();

    if (text.size() > maxChars)
        text = text.left(maxChars) + QStringLiteral("…");
    return text;
}

void installScrubbingMessageHandler()
{
    if (previousHandler())
        return;

    previousHandler() = qInstallMessageHandler(scrubbingHandler);
}

} // namespace Redaction
