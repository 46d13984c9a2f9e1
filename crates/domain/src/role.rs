//! The roles an account can hold. Producer is earned through shop membership (the hub approves
//! an application); leader is granted by the hub; the others by an admin.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Buyer,
    Producer,
    HubOperator,
    LiveHost,
    Moderator,
    Logistics,
    QualityOfficer,
    Analyst,
    /// A village e-commerce leader (带货达人): shares products and teams, earns commission.
    Leader,
    Admin,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Buyer,
        Role::Producer,
        Role::HubOperator,
        Role::LiveHost,
        Role::Moderator,
        Role::Logistics,
        Role::QualityOfficer,
        Role::Analyst,
        Role::Leader,
        Role::Admin,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Buyer => "buyer",
            Role::Producer => "producer",
            Role::HubOperator => "hub_operator",
            Role::LiveHost => "live_host",
            Role::Moderator => "moderator",
            Role::Logistics => "logistics",
            Role::QualityOfficer => "quality_officer",
            Role::Analyst => "analyst",
            Role::Leader => "leader",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
