#pragma once

#include "config/profileconfig.h"

class QSettings;

// Reads and writes a ProfileConfig in QSettings, under "profiles/<name>/". Only non-secret
// values are ever written here; the secrets live in the OS keychain (CredentialStore).
namespace ProfileSettings {

ProfileConfig load(QSettings &settings, const QString &profile);
void save(QSettings &settings, const ProfileConfig &config);

// The keys of skills written by the last successful cycle, so that skills which vanish from
// shift status can be reported (or pruned) even across restarts.
QStringList lastWrittenSkills(QSettings &settings, const ProfileConfig &config);
void setLastWrittenSkills(QSettings &settings, const ProfileConfig &config, const QStringList &keys);

} // namespace ProfileSettings
