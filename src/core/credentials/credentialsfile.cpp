#include "credentialsfile.h"

#include "util/logging.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    qCDebug(lcKeychain).noquote() << message;
    return false;
}

// The file may name each field at most once, as a string; an absent field reads as empty.
bool readField(const QJsonObject &object, const QString &name, QString *value, QString *problem)
{
    const QJsonValue field = object.value(name);
    if (field.isUndefined())
        return true;
    if (!field.isString()) {
        *problem = QStringLiteral("the field \"%1\" must be a string").arg(name);
        return false;
    }
    *value = field.toString();
    return true;
}

} // namespace

bool CredentialsFile::load(const QString &path, Credentials *out, QString *error)
{
    const QFileInfo info(path);
    const QString shown = QFileInfo(path).absoluteFilePath();

    // Checks that need no reading come first, so a FIFO or a huge file is never opened.
    if (!info.exists())
        return fail(error, QStringLiteral("Credentials file %1 does not exist.").arg(shown));
    if (!info.isFile())
        return fail(error, QStringLiteral("Credentials file %1 is not a regular file.").arg(shown));
    if (info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        return fail(error,
            QStringLiteral("Credentials file %1 is readable by other users; run `chmod 600 %1` and retry. "
                           "Nothing was loaded.")
                .arg(shown));
    }
    if (info.size() > MaxSize) {
        return fail(error,
            QStringLiteral("Credentials file %1 is larger than %2 KiB; it cannot be a credentials file.")
                .arg(shown)
                .arg(MaxSize / 1024));
    }

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(error, QStringLiteral("Credentials file %1 cannot be read: %2.").arg(shown, file.errorString()));
    }
    // Bounded even if the file grew since the size check.
    const QByteArray data = file.read(MaxSize + 1);
    if (data.size() > MaxSize) {
        return fail(error,
            QStringLiteral("Credentials file %1 is larger than %2 KiB; it cannot be a credentials file.")
                .arg(shown)
                .arg(MaxSize / 1024));
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The parser's message and offset only: never an excerpt of the file.
        return fail(error,
            QStringLiteral("Credentials file %1 is not valid JSON (%2 at byte %3).")
                .arg(shown, parseError.errorString())
                .arg(parseError.offset));
    }
    if (!document.isObject())
        return fail(error, QStringLiteral("Credentials file %1 must hold one JSON object.").arg(shown));

    const QJsonObject object = document.object();
    Credentials loaded;
    QString problem;
    const bool typesOk = readField(object, QStringLiteral("username"), &loaded.username, &problem)
        && readField(object, QStringLiteral("appKey"), &loaded.appKey, &problem)
        && readField(object, QStringLiteral("secret"), &loaded.secret, &problem)
        && readField(object, QStringLiteral("accessToken"), &loaded.accessToken, &problem)
        && readField(object, QStringLiteral("accessTokenSecret"), &loaded.accessTokenSecret, &problem)
        && readField(object, QStringLiteral("mavenApiKey"), &loaded.mavenApiKey, &problem);
    if (!typesOk)
        return fail(error, QStringLiteral("Credentials file %1: %2.").arg(shown, problem));

    // The access-token pair decides the form: both (legacy API key) or neither (OAuth 2.0).
    // LivePerson's documented OAuth 2.0 placeholders count as neither: people copy them from
    // the login page's example.
    const auto isToken = [](const QString &value) {
        return !value.trimmed().isEmpty() && value != OAuth2TokenPlaceholder;
    };
    const bool hasToken = isToken(loaded.accessToken);
    const bool hasTokenSecret = isToken(loaded.accessTokenSecret);
    if (hasToken != hasTokenSecret) {
        return fail(error,
            QStringLiteral("Credentials file %1 has %2 but not %3: give both (legacy API key) or neither "
                           "(OAuth 2.0 client credentials).")
                .arg(shown,
                    hasToken ? QStringLiteral("accessToken") : QStringLiteral("accessTokenSecret"),
                    hasToken ? QStringLiteral("accessTokenSecret") : QStringLiteral("accessToken")));
    }
    loaded.form = hasToken ? LoginForm::LegacyApiKey : LoginForm::OAuth2ClientCredentials;
    if (!hasToken) {
        loaded.accessToken.clear();
        loaded.accessTokenSecret.clear();
    }

    if (const QStringList missing = loaded.missingFields(); !missing.isEmpty()) {
        return fail(error,
            QStringLiteral("Credentials file %1 is incomplete: %2 missing or empty.")
                .arg(shown, missing.join(QStringLiteral(", "))));
    }

    loaded.registerSecrets();
    *out = loaded;
    qCInfo(lcKeychain).noquote() << "loaded" << loginFormName(loaded.form) << "credentials from" << shown;
    return true;
}
