#include "activitylogmodel.h"

#include "plaintext.h"
#include "syncstatus.h"

#include <QApplication>
#include <QStyle>

ActivityLogModel::ActivityLogModel(ActivityLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entries(log->entries())
{
    connect(log, &ActivityLog::entryAdded, this, &ActivityLogModel::append);
}

void ActivityLogModel::append(const LogEntry &entry)
{
    // Drop the oldest rows the way the log does, so the panel never grows without bound.
    if (m_entries.size() >= ActivityLog::MaxEntries) {
        const int drop = static_cast<int>(m_entries.size()) - ActivityLog::MaxEntries + 1;
        beginRemoveRows({}, 0, drop - 1);
        m_entries.remove(0, drop);
        endRemoveRows();
    }

    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

int ActivityLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ActivityLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ActivityLogModel::levelText(LogEntry::Level level)
{
    switch (level) {
    case LogEntry::Level::Info:
        return tr("info");
    case LogEntry::Level::Warning:
        return tr("warning");
    case LogEntry::Level::Error:
        return tr("error");
    }
    return QString();
}

QVariant ActivityLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};

    const LogEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(entry, index.column());
    case Qt::ToolTipRole:
        return index.column() == MessageColumn ? QVariant(PlainText::toolTip(entry.message)) : QVariant();
    case LevelRole:
        return static_cast<int>(entry.level);
    case Qt::DecorationRole:
        if (index.column() != LevelColumn || entry.level == LogEntry::Level::Info)
            return {};
        return QApplication::style()->standardIcon(
            entry.level == LogEntry::Level::Error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
    default:
        return {};
    }
}

QVariant ActivityLogModel::display(const LogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return QLocale().toString(entry.time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case LevelColumn:
        return levelText(entry.level);
    case StepColumn:
        return SyncStatus::stepName(entry.step);
    case MessageColumn:
        return entry.message;
    default:
        return {};
    }
}

QString ActivityLogModel::lineFor(int row) const
{
    const LogEntry &entry = m_entries.at(row);
    QStringList fields;
    for (int column = 0; column < ColumnCount; ++column)
        fields << display(entry, column).toString();
    return fields.join(QLatin1Char('\t'));
}

QVariant ActivityLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case StepColumn:
        return tr("Step");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}
