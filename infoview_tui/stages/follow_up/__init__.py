"""Provides the Follow up stage's rules: thank-you and LinkedIn drafts, referrals, what is still owed."""
