#include "logfilterproxy.h"

#include "activitylogmodel.h"

LogFilterProxy::LogFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void LogFilterProxy::setMinimumLevel(LogEntry::Level level)
{
    if (level == m_minimum)
        return;

    m_minimum = level;
    invalidateRowsFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(ActivityLogModel::LevelRole).toInt() >= static_cast<int>(m_minimum);
}
