#include "skilltablemodel.h"

#include "icons.h"
#include "sync/shiftshaper.h"
#include "timetext.h"
#include "util/clock.h"

#include <QFont>
#include <QGuiApplication>
#include <QJsonValue>
#include <QPalette>

#include <limits>

namespace {

// Amber mixed into the theme's base colour: marks a row without looking like a selection, and
// stays readable with light and dark themes because the text colour is the theme's own.
QColor changedBackground()
{
    const QColor base = QGuiApplication::palette().color(QPalette::Base);
    const QColor amber(255, 193, 7);
    constexpr float Mix = 0.3F;
    return QColor::fromRgbF(base.redF() + (amber.redF() - base.redF()) * Mix,
        base.greenF() + (amber.greenF() - base.greenF()) * Mix,
        base.blueF() + (amber.blueF() - base.blueF()) * Mix);
}

} // namespace

SkillTableModel::SkillTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{ }

SkillTableModel::~SkillTableModel() = default;

SkillTableModel::Moment SkillTableModel::momentOf(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    if (value.isNull() || !value.isDouble())
        return {Moment::Kind::Null, 0};
    return {Moment::Kind::Value, value.toInteger()};
}

void SkillTableModel::setSkills(const QList<SkillShift> &skills)
{
    QList<Row> rows;
    rows.reserve(skills.size());
    QHash<QString, bool> onShift;
    onShift.reserve(skills.size());
    int changed = 0;

    for (const SkillShift &skill : skills) {
        Row row;
        row.id = skill.id;
        row.numericId = skill.id.toULongLong();
        row.onShift = skill.onShift();
        row.nextOn = momentOf(skill.entry.value(QLatin1String("nextOn")));
        row.nextOff = momentOf(skill.entry.value(QLatin1String("nextOff")));

        // Only a flip counts: a skill seen for the first time has no "before".
        const auto before = m_previousOnShift.constFind(skill.id);
        row.changed = before != m_previousOnShift.cend() && *before != row.onShift;
        changed += row.changed ? 1 : 0;

        onShift.insert(skill.id, row.onShift);
        rows.append(row);
    }

    beginResetModel();
    m_rows = std::move(rows);
    m_previousOnShift = std::move(onShift);
    m_changedCount = changed;
    endResetModel();
}

void SkillTableModel::setNames(const QHash<QString, QString> &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn));
}

void SkillTableModel::refreshTimes()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, NextOnColumn), index(rowCount() - 1, NextOffColumn), {Qt::DisplayRole});
}

int SkillTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SkillTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SkillTableModel::nameOf(const Row &row) const
{
    const QString name = m_names.value(row.id);
    return name.isEmpty() ? row.id : name;
}

QVariant SkillTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};

    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case FilterRole:
        return index.column() == IdColumn ? QVariant(row.id + QLatin1Char(' ') + nameOf(row)) : QVariant();
    case ChangedRole:
        return row.changed;
    case Qt::DecorationRole:
        if (index.column() == OnShiftColumn)
            return row.onShift ? Icons::onShift() : Icons::offShift();
        return {};
    case Qt::FontRole:
        if (row.changed) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        return row.changed ? changedBackground() : QVariant();
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant SkillTableModel::display(const Row &row, int column) const
{
    switch (column) {
    case IdColumn:
        return row.id;
    case NameColumn:
        return nameOf(row);
    case OnShiftColumn:
        if (row.changed)
            return row.onShift ? tr("On shift (changed)") : tr("Off shift (changed)");
        return row.onShift ? tr("On shift") : tr("Off shift");
    case NextOnColumn:
        return momentText(row, row.nextOn);
    case NextOffColumn:
        return momentText(row, row.nextOff);
    default:
        return {};
    }
}

// "24/7" when the API leaves both times out of an on-shift skill, "—" for null or a lone
// missing time, otherwise the local time with a hint.
QString SkillTableModel::momentText(const Row &row, const Moment &moment) const
{
    const bool roundTheClock = row.nextOn.kind == Moment::Kind::Absent && row.nextOff.kind == Moment::Kind::Absent;
    if (moment.kind != Moment::Kind::Value)
        return roundTheClock && row.onShift ? tr("24/7") : tr("—");

    return TimeText::withHint(QDateTime::fromMSecsSinceEpoch(moment.ms, Qt::UTC), m_clock.nowUtc());
}

QVariant SkillTableModel::sortValue(const Row &row, int column) const
{
    // Missing times sort after every real one, whichever direction is chosen last.
    constexpr qint64 Never = std::numeric_limits<qint64>::max();
    switch (column) {
    case IdColumn:
        return row.numericId;
    case NameColumn:
        return nameOf(row).toCaseFolded();
    case OnShiftColumn:
        return row.onShift ? 1 : 0;
    case NextOnColumn:
        return row.nextOn.kind == Moment::Kind::Value ? row.nextOn.ms : Never;
    case NextOffColumn:
        return row.nextOff.kind == Moment::Kind::Value ? row.nextOff.ms : Never;
    default:
        return {};
    }
}

QVariant SkillTableModel::toolTip(const Row &row, int column) const
{
    if (column == NameColumn && !m_names.contains(row.id))
        return tr("No name known for this skill: the Skills API gave none (the bot may lack the permission).");
    if (column == OnShiftColumn && row.changed)
        return row.onShift ? tr("Went on shift in the last sync") : tr("Went off shift in the last sync");
    if ((column == NextOnColumn || column == NextOffColumn) && display(row, column).toString() == tr("24/7"))
        return tr("No shift times: the skill is open around the clock.");
    return {};
}

QVariant SkillTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case IdColumn:
        return tr("Skill id");
    case NameColumn:
        return tr("Name");
    case OnShiftColumn:
        return tr("On shift");
    case NextOnColumn:
        return tr("Next on");
    case NextOffColumn:
        return tr("Next off");
    default:
        return {};
    }
}
