#include "autostart.h"

#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

#include <algorithm>

namespace {

QString configHome()
{
    // The XDG Base Directory rules: a relative or empty XDG_CONFIG_HOME is ignored.
    const QString fromEnvironment = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (!fromEnvironment.isEmpty() && QDir::isAbsolutePath(fromEnvironment))
        return fromEnvironment;
    return QDir::homePath() + QStringLiteral("/.config");
}

// One Exec argument: quoted when it holds anything the spec reserves, with '"', '`', '$' and
// '\' escaped by a backslash; then every '\' doubled again because Exec is a string value, and
// '%' doubled because Exec expands field codes.
QString execArgument(const QString &argument)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    const bool needsQuotes
        = std::any_of(argument.cbegin(), argument.cend(), [](QChar c) { return reserved.contains(c); });

    QString text = argument;
    if (needsQuotes) {
        QString quoted;
        for (const QChar c : argument) {
            if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
                quoted += QLatin1Char('\\');
            quoted += c;
        }
        text = QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("%%"));
    return text;
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

namespace Autostart {

QString xdgEntryPath()
{
    return configHome() + QStringLiteral("/autostart/") + QStringLiteral(SHIFTSYNC_APP_ID) + QStringLiteral(".desktop");
}

QString entryText(const QString &executable)
{
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=ShiftSync\n"
                          "Comment=Keeps LivePerson skill shift status fresh for bots\n"
                          "Exec=%1\n"
                          "TryExec=%1\n"
                          "Icon=%2\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(execArgument(executable), QStringLiteral(SHIFTSYNC_APP_ID));
}

bool xdgIsEnabled()
{
    QFile file(xdgEntryPath());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;

    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.compare(QLatin1String("Hidden=true"), Qt::CaseInsensitive) == 0
            || line.compare(QLatin1String("X-GNOME-Autostart-enabled=false"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return true;
}

bool xdgEnable(const QString &executable, QString *error)
{
    if (executable.isEmpty() || !QFileInfo(executable).isAbsolute()) {
        setError(error,
            QStringLiteral("cannot start \"%1\" at login: an absolute program path is needed").arg(executable));
        return false;
    }

    const QString path = xdgEntryPath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        setError(error, QStringLiteral("could not create the folder %1").arg(QFileInfo(path).absolutePath()));
        return false;
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(entryText(executable).toUtf8()) < 0
        || !file.commit()) {
        setError(error, QStringLiteral("could not write %1: %2").arg(path, file.errorString()));
        return false;
    }

    qCInfo(lcConfig).noquote() << "start at login enabled:" << path;
    return true;
}

bool xdgDisable(QString *error)
{
    const QString path = xdgEntryPath();
    if (!QFile::exists(path))
        return true;

    QFile file(path);
    if (!file.remove()) {
        setError(error, QStringLiteral("could not remove %1: %2").arg(path, file.errorString()));
        return false;
    }

    qCInfo(lcConfig).noquote() << "start at login disabled:" << path;
    return true;
}

// Each platform's own mechanism. Only the XDG entry is built and tested here (Linux); the
// Windows Run key and the macOS LaunchAgent are written from their documentation and are
// untested, as installer/README.md says.
#if defined(Q_OS_WIN)

namespace {
const QString RunKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
}

QString entryPath()
{
    return RunKey + QLatin1Char('\\') + QStringLiteral(SHIFTSYNC_APP_ID);
}

bool isEnabled()
{
    return QSettings(RunKey, QSettings::NativeFormat).contains(QStringLiteral(SHIFTSYNC_APP_ID));
}

bool enable(const QString &executable, QString *error)
{
    QSettings run(RunKey, QSettings::NativeFormat);
    run.setValue(QStringLiteral(SHIFTSYNC_APP_ID),
        QLatin1Char('"') + QDir::toNativeSeparators(executable) + QLatin1Char('"'));
    run.sync();
    if (run.status() != QSettings::NoError)
        setError(error, QStringLiteral("could not write the registry value %1").arg(entryPath()));
    return run.status() == QSettings::NoError;
}

bool disable(QString *error)
{
    QSettings run(RunKey, QSettings::NativeFormat);
    run.remove(QStringLiteral(SHIFTSYNC_APP_ID));
    run.sync();
    if (run.status() != QSettings::NoError)
        setError(error, QStringLiteral("could not remove the registry value %1").arg(entryPath()));
    return run.status() == QSettings::NoError;
}

#elif defined(Q_OS_MACOS)

QString entryPath()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + QStringLiteral(SHIFTSYNC_APP_ID)
        + QStringLiteral(".plist");
}

bool isEnabled()
{
    return QFile::exists(entryPath());
}

bool enable(const QString &executable, QString *error)
{
    const QString text = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        "<plist version=\"1.0\"><dict>\n"
        "  <key>Label</key><string>%1</string>\n"
        "  <key>ProgramArguments</key><array><string>%2</string></array>\n"
        "  <key>RunAtLoad</key><true/>\n"
        "</dict></plist>\n")
                             .arg(QStringLiteral(SHIFTSYNC_APP_ID), executable.toHtmlEscaped());
    const QString path = entryPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        setError(error, QStringLiteral("could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool disable(QString *error)
{
    if (!QFile::exists(entryPath()) || QFile::remove(entryPath()))
        return true;
    setError(error, QStringLiteral("could not remove %1").arg(entryPath()));
    return false;
}

#else

QString entryPath()
{
    return xdgEntryPath();
}

bool isEnabled()
{
    return xdgIsEnabled();
}

bool enable(const QString &executable, QString *error)
{
    return xdgEnable(executable, error);
}

bool disable(QString *error)
{
    return xdgDisable(error);
}

#endif

bool setEnabled(bool enabled, const QString &executable, QString *error)
{
    return enabled ? enable(executable, error) : disable(error);
}

} // namespace Autostart
