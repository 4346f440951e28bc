//! A one-time message for the status bar, and the keys it names.

use super::Action;

/// A one-time message for the status bar. A key it names is kept as its action, so
/// that the status bar names the key bound to it now: each `{}` in the text stands for
/// the next action of `keys`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    text: String,
    keys: Vec<Action>,
    /// How much of `text`, from its start, is shown as it is: words from elsewhere (a
    /// query, a path) may hold `{}` too.
    verbatim: usize,
}

impl Notice {
    pub fn with_keys(text: &str, keys: &[Action]) -> Notice {
        Notice {
            text: text.to_string(),
            keys: keys.to_vec(),
            verbatim: 0,
        }
    }

    /// `lead; ` and then this message.
    pub fn after(self, lead: &str) -> Notice {
        Notice {
            text: format!("{lead}; {}", self.text),
            keys: self.keys,
            verbatim: lead.len() + 2 + self.verbatim,
        }
    }

    /// The message, each key written by `name`. A message with no keys is shown as it
    /// is, whatever it holds (it may quote what the user typed).
    pub fn show(&self, name: impl Fn(Action) -> String) -> String {
        if self.keys.is_empty() {
            return self.text.clone();
        }
        let (lead, rest) = self.text.split_at(self.verbatim.min(self.text.len()));
        let mut parts = rest.split("{}");
        let mut out = lead.to_string();
        out.push_str(parts.next().unwrap_or(""));
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
            verbatim: text.len(),
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
