"""The canteen app's records, one module per sub-domain (see the package docstring)."""

from .fire import ExitCheck, FireCheck, FireEquipment, FireMonth
from .food import CanteenDay, FoodSample, MealService
from .staff import Canteen, CanteenStaff, RosterEntry, StaffTraining
from .supply import FoodPurchase, PurchaseRefusal, Supplier

__all__ = ["Canteen", "CanteenDay", "CanteenStaff", "ExitCheck", "FireCheck", "FireEquipment", "FireMonth",
           "FoodPurchase", "FoodSample", "MealService", "PurchaseRefusal", "RosterEntry", "StaffTraining",
           "Supplier"]
