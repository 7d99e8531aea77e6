//! A bug's lifecycle, the one place that decides which status may follow which and who may make
//! each move. Pure, so the page offers exactly the moves the server accepts.
//!
//! ```text
//! new → assigned → in_progress → fixed → testing → verified → closed
//! fixed | testing | verified | closed → reopened → assigned | in_progress
//! new | assigned | reopened | in_progress → wont_fix | duplicate
//! ```
//!
//! Admins and QA make any move; a developer only on a bug assigned to them, and only
//! assigned → in_progress, in_progress → fixed and reopened → in_progress; managers make none.
use super::BugStatus;
use crate::users::model::Role;

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The lifecycle has no such move, whoever asks.
    NotAMove,
    /// The move exists, but not for this person (their role, or the bug is not theirs).
    NotYours,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotAMove => "A bug cannot move from this status to that one.",
            Refusal::NotYours => "Only QA and admins make this move; developers move the bugs assigned to them.",
        }
    }
}

/// The statuses of a bug whose work is over (verified, closed, won't fix, duplicate); the others
/// are its "open bugs" on a case's and a story's page.
pub const SETTLED: [BugStatus; 4] = [BugStatus::Verified, BugStatus::Closed, BugStatus::WontFix, BugStatus::Duplicate];

/// Whether the lifecycle has a move from `from` to `to`, whoever makes it.
pub fn is_move(from: BugStatus, to: BugStatus) -> bool {
    use BugStatus::*;
    matches!(
        (from, to),
        (New, Assigned)
            | (Assigned, InProgress)
            | (InProgress, Fixed)
            | (Fixed, Testing)
            | (Testing, Verified)
            | (Verified, Closed)
            | (Fixed | Testing | Verified | Closed, Reopened)
            | (Reopened, Assigned | InProgress)
            | (New | Assigned | Reopened | InProgress, WontFix | Duplicate)
    )
}

/// Whether someone with `role` (the bug's assignee when `is_assignee`) may move it from `from`
/// to `to`.
pub fn allowed(role: Role, is_assignee: bool, from: BugStatus, to: BugStatus) -> Result<(), Refusal> {
    use BugStatus::*;
    if !is_move(from, to) {
        return Err(Refusal::NotAMove);
    }
    let may = match role {
        Role::Admin | Role::Qa => true,
        Role::Dev => {
            is_assignee && matches!((from, to), (Assigned, InProgress) | (InProgress, Fixed) | (Reopened, InProgress))
        }
        Role::Manager => false,
    };
    if may {
        Ok(())
    } else {
        Err(Refusal::NotYours)
    }
}

/// The statuses someone with `role` may move a bug in `from` to, in display order.
pub fn next_for(role: Role, is_assignee: bool, from: BugStatus) -> Vec<BugStatus> {
    BugStatus::ALL.iter().copied().filter(|to| allowed(role, is_assignee, from, *to).is_ok()).collect()
}

/// What a move needs besides being allowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// A note (what was fixed, and how).
    pub note: bool,
    /// Someone assigned.
    pub assignee: bool,
    /// The bug it duplicates.
    pub duplicate_of: bool,
}

/// What moving to `to` needs.
pub fn needs(to: BugStatus) -> Needs {
    Needs {
        note: to == BugStatus::Fixed,
        assignee: to == BugStatus::Assigned,
        duplicate_of: to == BugStatus::Duplicate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BugStatus::*;

    /// The lifecycle written out move by move, apart from the code that decides it.
    const MOVES: [(BugStatus, BugStatus); 20] = [
        (New, Assigned),
        (Assigned, InProgress),
        (InProgress, Fixed),
        (Fixed, Testing),
        (Testing, Verified),
        (Verified, Closed),
        (Fixed, Reopened),
        (Testing, Reopened),
        (Verified, Reopened),
        (Closed, Reopened),
        (Reopened, Assigned),
        (Reopened, InProgress),
        (New, WontFix),
        (Assigned, WontFix),
        (Reopened, WontFix),
        (InProgress, WontFix),
        (New, Duplicate),
        (Assigned, Duplicate),
        (Reopened, Duplicate),
        (InProgress, Duplicate),
    ];
    /// A developer's moves, on a bug assigned to them.
    const DEV_MOVES: [(BugStatus, BugStatus); 3] =
        [(Assigned, InProgress), (InProgress, Fixed), (Reopened, InProgress)];

    #[test]
    fn every_role_assignee_and_pair_of_statuses_is_decided_as_the_table_says() {
        let roles = [Role::Admin, Role::Qa, Role::Dev, Role::Manager];
        let mut allowed_count = 0;
        let mut walked = 0;
        for role in roles {
            for is_assignee in [false, true] {
                for &from in BugStatus::ALL {
                    for &to in BugStatus::ALL {
                        walked += 1;
                        let in_lifecycle = MOVES.contains(&(from, to));
                        let expected = if !in_lifecycle {
                            Err(Refusal::NotAMove)
                        } else {
                            let may = match role {
                                Role::Admin | Role::Qa => true,
                                Role::Dev => is_assignee && DEV_MOVES.contains(&(from, to)),
                                Role::Manager => false,
                            };
                            if may {
                                Ok(())
                            } else {
                                Err(Refusal::NotYours)
                            }
                        };
                        let got = allowed(role, is_assignee, from, to);
                        assert_eq!(got, expected, "{role:?} (assignee: {is_assignee}) {from:?} → {to:?}");
                        assert_eq!(next_for(role, is_assignee, from).contains(&to), expected.is_ok());
                        allowed_count += usize::from(got.is_ok());
                    }
                }
            }
        }
        assert_eq!(walked, 4 * 2 * 10 * 10);
        assert_eq!(
            allowed_count,
            20 * 2 + 20 * 2 + 3,
            "admins and QA 20 moves each way, a developer 3 on their own bugs"
        );
    }

    #[test]
    fn fixed_needs_a_note_assigned_an_assignee_duplicate_the_original() {
        assert_eq!(needs(Fixed), Needs { note: true, ..Needs::default() });
        assert_eq!(needs(Assigned), Needs { assignee: true, ..Needs::default() });
        assert_eq!(needs(Duplicate), Needs { duplicate_of: true, ..Needs::default() });
        for s in [New, InProgress, Testing, Verified, Closed, Reopened, WontFix] {
            assert_eq!(needs(s), Needs::default(), "{s:?}");
        }
        assert_eq!(next_for(Role::Dev, true, Assigned), vec![InProgress]);
        assert!(next_for(Role::Dev, false, Assigned).is_empty());
        assert_eq!(next_for(Role::Qa, false, New), vec![Assigned, WontFix, Duplicate]);
        assert!(next_for(Role::Manager, true, New).is_empty());
    }
}
