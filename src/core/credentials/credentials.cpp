#include "credentials.h"

#include "util/redaction.h"

#include <QStringList>

bool Credentials::isComplete() const
{
    return missingFields().isEmpty();
}

QStringList Credentials::missingFields() const
{
    QStringList missing;
    const auto need = [&missing](const QString &value, const char *name) {
        if (value.trimmed().isEmpty())
            missing << QString::fromLatin1(name);
    };

    need(username, "username");
    need(appKey, "appKey");
    need(secret, "secret");
    if (form == LoginForm::LegacyApiKey) {
        need(accessToken, "accessToken");
        need(accessTokenSecret, "accessTokenSecret");
    }
    need(mavenApiKey, "mavenApiKey");
    return missing;
}

void Credentials::registerSecrets() const
{
    // The OAuth 2.0 placeholder is public text, not a secret: masking it would mangle paths.
    for (const QString *value : {&appKey, &secret, &accessToken, &accessTokenSecret, &mavenApiKey}) {
        if (*value != OAuth2TokenPlaceholder)
            Redaction::registerSecret(*value);
    }
}

QString loginFormName(LoginForm form)
{
    return form == LoginForm::LegacyApiKey ? QStringLiteral("legacy") : QStringLiteral("oauth2");
}

bool parseLoginForm(const QString &text, LoginForm *form)
{
    const QString name = text.trimmed().toLower();
    if (name == QLatin1String("oauth2")) {
        *form = LoginForm::OAuth2ClientCredentials;
        return true;
    }
    if (name == QLatin1String("legacy")) {
        *form = LoginForm::LegacyApiKey;
        return true;
    }
    return false;
}
