//! The role × permission table: the one place that decides who may do what.
//! docs/permissions.md is this table in prose; a test keeps the two in step.
use crate::users::model::Role;
use serde::{Deserialize, Serialize};

/// Something a person may be allowed to do inside their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Invite people, change roles, (de)activate accounts, revoke their sessions.
    ManageUsers,
    /// Read and export the audit log.
    ViewAudit,
    /// Change organization settings.
    ManageOrg,
    /// Read projects, stories, test cases, runs and bugs.
    ViewProjects,
    /// Create and change projects, stories, test cases, generation, runs, bugs and reports.
    EditTestArtifacts,
    /// Raise bugs and comment on them.
    ReportBugs,
    /// Move bugs assigned to oneself through in-progress and fixed.
    WorkAssignedBugs,
    /// See dashboards and export reports.
    ViewReports,
    /// Read and mark one's own notifications, and choose how to be told.
    ReceiveNotifications,
}

impl Permission {
    pub const ALL: [Permission; 9] = [
        Permission::ManageUsers,
        Permission::ViewAudit,
        Permission::ManageOrg,
        Permission::ViewProjects,
        Permission::EditTestArtifacts,
        Permission::ReportBugs,
        Permission::WorkAssignedBugs,
        Permission::ViewReports,
        Permission::ReceiveNotifications,
    ];
}

/// Whether `role` has `permission`. Exhaustive on both: a new role or permission does not
/// compile until it is placed in this table.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Admin => true,
        Role::Qa => match permission {
            ManageUsers | ViewAudit | ManageOrg => false,
            ViewProjects | EditTestArtifacts | ReportBugs | WorkAssignedBugs | ViewReports | ReceiveNotifications => {
                true
            }
        },
        Role::Dev => match permission {
            ViewProjects | ReportBugs | WorkAssignedBugs | ReceiveNotifications => true,
            ManageUsers | ViewAudit | ManageOrg | EditTestArtifacts | ViewReports => false,
        },
        Role::Manager => match permission {
            ViewProjects | ViewReports | ReceiveNotifications => true,
            ManageUsers | ViewAudit | ManageOrg | EditTestArtifacts | ReportBugs | WorkAssignedBugs => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table in docs/permissions.md, row by row, must say what `allows` says.
    #[test]
    fn the_documented_table_matches_the_code() {
        let doc = include_str!("../../../docs/permissions.md");
        let roles = [Role::Admin, Role::Qa, Role::Dev, Role::Manager];
        for p in Permission::ALL {
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{p:?}`")))
                .unwrap_or_else(|| panic!("docs/permissions.md has no row for {p:?}"));
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            for (i, role) in roles.iter().enumerate() {
                let documented = cells[3 + i] == "✓";
                assert_eq!(documented, allows(*role, p), "{p:?} for {role:?}: docs say {}", cells[3 + i]);
            }
        }
    }

    #[test]
    fn only_admins_manage_people() {
        assert!(allows(Role::Admin, Permission::ManageUsers));
        for r in [Role::Qa, Role::Dev, Role::Manager] {
            assert!(!allows(r, Permission::ManageUsers));
            assert!(!allows(r, Permission::ViewAudit));
        }
    }
}
