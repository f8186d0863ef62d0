// Signing out between journeys, shared by run.mjs and the journey modules.

/**
 * Sign out when the app shows a signed-in shell. The shell and the sign-in page load lazily (one chunk
 * per route), so this waits until one of them is on screen before deciding: checking at once read a
 * shell still loading as "signed out" and the next sign-in waited for a form that never came.
 */
export async function signOutIfSignedIn(page) {
  const signOut = page.getByRole("button", { name: /^(Keluar|Sign out)$/ });
  await signOut.or(page.getByTestId("sign-in-submit")).first().waitFor();
  if (await signOut.isVisible()) {
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }
}
