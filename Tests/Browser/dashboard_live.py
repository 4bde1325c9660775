#!/usr/bin/python3
"""Opens a class's dashboard in headless Chromium, makes a learner join and work through the real `rolecall`, and
checks that the learner appears and moves on the page without a reload; saves a screenshot.

The browser is told that every host but 127.0.0.1 does not exist, and every resource the page loaded is checked
to come from the class server: the page must work on a classroom network without internet.

Usage: dashboard_live.py DASHBOARD_URL SERVER_URL JOIN_CODE ROLECALL DATA_DIR COURSE SCREENSHOT
Prints "ok" and exits 0 when everything held; otherwise says what did not, exit 1.
"""
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

dashboard, server, code, rolecall, data, course, screenshot = sys.argv[1:8]
env = dict(os.environ, ROLECALL_COURSE=course, NO_COLOR="1")


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--no-proxy-server"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(dashboard)
    wait = WebDriverWait(driver, 20)
    wait.until(lambda d: d.find_element(By.ID, "connection").text == "live")
    if driver.find_elements(By.CSS_SELECTOR, "#roster tbody tr"):
        fail("the roster is not empty before anyone joined")

    # A learner joins and works, in another process, while the page stays open.
    joined = subprocess.run([rolecall, "join", server, code, "--learner", "carla", "--data-dir", data],
                            capture_output=True, text=True, env=env, timeout=60)
    if joined.returncode != 0:
        fail("rolecall join: " + joined.stderr)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#roster tr[data-learner="carla"]'))
    subprocess.run([rolecall, "--learner", "carla", "--data-dir", data], input="\n\n\nb\n", capture_output=True,
                   text=True, env=env, timeout=60)
    row = '#roster tr[data-learner="carla"]'
    wait.until(lambda d: "step" in d.find_element(By.CSS_SELECTOR, row).text
               and " / " in d.find_element(By.CSS_SELECTOR, row).text)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#answers figure li"))

    # The instructor's message, sent from the page by keyboard.
    field = driver.find_element(By.ID, "message")
    field.send_keys("Five minutes left\n")
    wait.until(lambda d: "Five minutes left" in d.find_element(By.ID, "sent").text)

    # Lock the lessons after the first, from the page; a reload shows the lock kept.
    if not driver.find_elements(By.CSS_SELECTOR, 'label[for="open-through"]'):
        fail("the lesson lock has no label")
    Select(driver.find_element(By.ID, "open-through")).select_by_index(1)
    driver.find_element(By.CSS_SELECTOR, "#lessons button").click()
    wait.until(lambda d: d.find_element(By.ID, "lessons-status").text == "Lessons after this one are locked.")

    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    foreign = [name for name in loaded if not name.startswith(server)]
    if foreign:
        fail("the page loaded resources from elsewhere: " + ", ".join(foreign))
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en":
        fail("the page has no language")
    if not driver.find_elements(By.CSS_SELECTOR, 'label[for="message"]'):
        fail("the message field has no label")
    time.sleep(0.3)
    driver.save_screenshot(screenshot)
    print("row: " + driver.find_element(By.CSS_SELECTOR, row).text.replace("\n", " | "))

    driver.refresh()
    wait.until(lambda d: d.find_element(By.ID, "connection").text == "live")
    chosen = Select(driver.find_element(By.ID, "open-through")).first_selected_option.text
    if not chosen.startswith("1. "):
        fail("after a reload the lock shows '%s', not the first lesson" % chosen)

    # The learner's own page, from the roster's link: their sandbox as the server replayed it.
    driver.find_element(By.CSS_SELECTOR, row + " th a").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "carla")
    if "Last commands" not in driver.find_element(By.TAG_NAME, "main").text:
        fail("the learner's page does not show their commands")
    print("ok")
finally:
    driver.quit()
