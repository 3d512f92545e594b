#pragma once

#include "config/profileconfig.h"

class QSettings;

// Reads and writes a ProfileConfig in QSettings, under "profiles/<name>/". Only non-secret
// values are ever written here; the secrets live in the OS keychain (CredentialStore).
namespace ProfileSettings {

ProfileConfig load(QSettings &settings, const QString &profile);
void save(QSettings &settings, const ProfileConfig &config);

// The keys of skills the last successful cycle wrote to one store target ("<account>@<host>/
// <namespace>"), so that skills which vanish from shift status can be reported (or pruned)
// even across restarts, and never in a namespace ShiftSync did not write.
QStringList lastWrittenSkills(QSettings &settings, const QString &target);
void setLastWrittenSkills(QSettings &settings, const QString &target, const QStringList &keys);

} // namespace ProfileSettings
