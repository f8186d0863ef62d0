"""The public register: what anyone may read without signing in (UU 14/2008), and how it is served."""
