#include "activitylog.h"

#include "util/logging.h"
#include "util/redaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

QString LogEntry::levelName() const
{
    switch (level) {
    case Level::Info:
        return QStringLiteral("info");
    case Level::Warning:
        return QStringLiteral("warning");
    case Level::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QString LogEntry::toLine() const
{
    return QStringLiteral("%1 %2 %3: %4")
        .arg(time.toUTC().toString(Qt::ISODateWithMs), levelName(), stepName(step), message);
}

ActivityLog::ActivityLog(QObject *parent)
    : QObject(parent)
{ }

QString ActivityLog::defaultFilePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir.isEmpty() ? QString() : dir + QStringLiteral("/logs/shiftsync.log");
}

void ActivityLog::setFilePath(const QString &path)
{
    m_filePath = path;
    if (!path.isEmpty())
        QDir().mkpath(QFileInfo(path).absolutePath());
}

void ActivityLog::add(LogEntry::Level level, SyncStep step, const QString &message, const QDateTime &time)
{
    const LogEntry entry {time, level, step, Redaction::scrub(message)};

    m_entries.append(entry);
    if (m_entries.size() > MaxEntries)
        m_entries.remove(0, m_entries.size() - MaxEntries);

    appendToFile(entry);
    Q_EMIT entryAdded(entry);
}

void ActivityLog::appendToFile(const LogEntry &entry)
{
    if (m_filePath.isEmpty())
        return;

    rotateIfNeeded();
    QFile file(m_filePath);
    if (!file.open(QIODevice::Append | QIODevice::Text)) {
        qCWarning(lcSync).noquote() << "cannot append to the log file" << m_filePath << ":" << file.errorString();
        return;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(entry.toLine().toUtf8() + '\n');
}

void ActivityLog::rotateIfNeeded()
{
    if (QFileInfo(m_filePath).size() < MaxFileBytes)
        return;

    // shiftsync.log.2 is dropped, .1 becomes .2, the current file becomes .1.
    QFile::remove(m_filePath + QStringLiteral(".%1").arg(KeptFiles - 1));
    for (int index = KeptFiles - 2; index >= 1; --index)
        QFile::rename(m_filePath + QStringLiteral(".%1").arg(index), m_filePath + QStringLiteral(".%1").arg(index + 1));
    QFile::rename(m_filePath, m_filePath + QStringLiteral(".1"));
}
