#include "profilesettings.h"

#include <QSettings>

namespace {

QString group(const QString &profile)
{
    return QStringLiteral("profiles/") + profile;
}

// A QUrl round-trips through QSettings as its string form; an empty string means "not set".
QUrl readUrl(QSettings &settings, const char *key, const QUrl &fallback = {})
{
    const QString text = settings.value(QLatin1String(key)).toString();
    return text.isEmpty() ? fallback : QUrl(text);
}

// The target contains '/' and ':', which QSettings would read as groups; encode it.
QString writtenKey(const QString &target)
{
    return QStringLiteral("written/") + QString::fromLatin1(target.toUtf8().toPercentEncoding());
}

void writeUrl(QSettings &settings, const char *key, const QUrl &url)
{
    settings.setValue(QLatin1String(key), url.toString());
}

} // namespace

namespace ProfileSettings {

ProfileConfig load(QSettings &settings, const QString &profile)
{
    ProfileConfig config;
    config.profile = profile;

    settings.beginGroup(group(profile));
    config.accountId = settings.value(QLatin1String("accountId")).toString();
    parseLoginForm(settings.value(QLatin1String("loginForm"), QStringLiteral("oauth2")).toString(), &config.loginForm);
    config.contextNamespace = settings.value(QLatin1String("namespace"), config.contextNamespace).toString();
    config.intervalSeconds = settings.value(QLatin1String("intervalSeconds"), config.intervalSeconds).toInt();
    config.requestTimeoutSeconds
        = settings.value(QLatin1String("requestTimeoutSeconds"), config.requestTimeoutSeconds).toInt();
    config.csdsUrl = readUrl(settings, "csdsUrl", config.csdsUrl);
    config.loginUrl = readUrl(settings, "loginUrl");
    config.shiftStatusUrl = readUrl(settings, "shiftStatusUrl");
    config.contextUrl = readUrl(settings, "contextUrl");
    config.skillsUrl = readUrl(settings, "skillsUrl");
    config.region = settings.value(QLatin1String("region")).toString();
    config.shiftStatusServices
        = settings.value(QLatin1String("shiftStatusServices"), config.shiftStatusServices).toStringList();
    config.acceptLegacySkillField
        = settings.value(QLatin1String("acceptLegacySkillField"), config.acceptLegacySkillField).toBool();
    config.allowEmptyShiftStatus
        = settings.value(QLatin1String("allowEmptyShiftStatus"), config.allowEmptyShiftStatus).toBool();
    config.pruneVanishedSkills
        = settings.value(QLatin1String("pruneVanishedSkills"), config.pruneVanishedSkills).toBool();
    config.http2Allowed = settings.value(QLatin1String("http2Allowed"), config.http2Allowed).toBool();
    settings.endGroup();
    return config;
}

void save(QSettings &settings, const ProfileConfig &config)
{
    settings.beginGroup(group(config.profile));
    settings.setValue(QLatin1String("accountId"), config.accountId);
    settings.setValue(QLatin1String("loginForm"), loginFormName(config.loginForm));
    settings.setValue(QLatin1String("namespace"), config.contextNamespace);
    settings.setValue(QLatin1String("intervalSeconds"), config.intervalSeconds);
    settings.setValue(QLatin1String("requestTimeoutSeconds"), config.requestTimeoutSeconds);
    writeUrl(settings, "csdsUrl", config.csdsUrl);
    writeUrl(settings, "loginUrl", config.loginUrl);
    writeUrl(settings, "shiftStatusUrl", config.shiftStatusUrl);
    writeUrl(settings, "contextUrl", config.contextUrl);
    writeUrl(settings, "skillsUrl", config.skillsUrl);
    settings.setValue(QLatin1String("region"), config.region);
    settings.setValue(QLatin1String("shiftStatusServices"), config.shiftStatusServices);
    settings.setValue(QLatin1String("acceptLegacySkillField"), config.acceptLegacySkillField);
    settings.setValue(QLatin1String("allowEmptyShiftStatus"), config.allowEmptyShiftStatus);
    settings.setValue(QLatin1String("pruneVanishedSkills"), config.pruneVanishedSkills);
    settings.setValue(QLatin1String("http2Allowed"), config.http2Allowed);
    settings.endGroup();
}

QStringList lastWrittenSkills(QSettings &settings, const QString &target)
{
    return settings.value(writtenKey(target)).toStringList();
}

void setLastWrittenSkills(QSettings &settings, const QString &target, const QStringList &keys)
{
    settings.setValue(writtenKey(target), keys);
}

} // namespace ProfileSettings
