//! A one-time message for the status bar, and the keys it names.

use super::Action;

/// A one-time message for the status bar. A key it names is kept as its action, so
/// that the status bar names the key bound to it now: each `{}` in the text stands for
/// the next action of `keys`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    text: String,
    keys: Vec<Action>,
}

impl Notice {
    pub fn with_keys(text: &str, keys: &[Action]) -> Notice {
        Notice {
            text: text.to_string(),
            keys: keys.to_vec(),
        }
    }

    /// The message, each key written by `name`. A message with no keys is shown as it
    /// is, whatever it holds (it may quote what the user typed).
    pub fn show(&self, name: impl Fn(Action) -> String) -> String {
        if self.keys.is_empty() {
            return self.text.clone();
        }
        let mut parts = self.text.split("{}");
        let mut out = parts.next().unwrap_or("").to_string();
        for (i, part) in parts.enumerate() {
            match self.keys.get(i) {
                Some(&key) => out.push_str(&name(key)),
                None => out.push_str("{}"),
            }
            out.push_str(part);
        }
        out
    }
}

impl From<String> for Notice {
    fn from(text: String) -> Notice {
        Notice {
            text,
            keys: Vec::new(),
        }
    }
}

impl From<&str> for Notice {
    fn from(text: &str) -> Notice {
        Notice::from(text.to_string())
    }
}

/// The words as written, `{}` where a key goes: what tests compare.
impl std::ops::Deref for Notice {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}
