"""Publishing a built site to object stores: only what changed, in an order that keeps every link working.

plan (pure) decides, store is the only module that talks to an object store,
sync carries a plan out, publisher runs one sync per destination.
"""
